/// Makes untrusted text safe to draw: terminal escape sequences and control characters are replaced
/// by a visible placeholder, so that text (a client name chosen by an attacker, say) can neither move
/// the cursor, change colours, retitle the window, nor reorder what is displayed around it.
public enum TextSanitizer {
    /// The default placeholder: U+FFFD REPLACEMENT CHARACTER.
    public static let placeholder: Character = "\u{FFFD}"

    /// `text` with every escape sequence (CSI, OSC, DCS, SOS, PM, APC, two-character ESC sequences and
    /// their 8-bit C1 forms) replaced by one `placeholder`, every other C0/C1 control and DEL replaced by
    /// `placeholder`, tabs turned into a space, bidirectional override/isolate controls replaced, and
    /// newlines kept only when `allowNewlines` is true.
    public static func sanitize(
        _ text: String,
        placeholder: Character = TextSanitizer.placeholder,
        allowNewlines: Bool = false
    ) -> String {
        var output = String.UnicodeScalarView()
        let replacement = placeholder.unicodeScalars
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let value = scalars[index].value
            switch value {
            case 0x0A where allowNewlines:
                output.append(scalars[index])
                index += 1
            case 0x09:
                output.append(" ")
                index += 1
            case 0x1B, 0x90, 0x98, 0x9B, 0x9D, 0x9E, 0x9F:
                index = endOfEscapeSequence(scalars, from: index)
                output.append(contentsOf: replacement)
            case 0x00..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
                output.append(contentsOf: replacement)
                index += 1
            default:
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    /// True when `sanitize` would change `text`.
    public static func needsSanitizing(_ text: String, allowNewlines: Bool = false) -> Bool {
        sanitize(text, allowNewlines: allowNewlines) != text
    }

    /// The index just past the escape sequence starting at `start` (which holds ESC or a C1 introducer).
    private static func endOfEscapeSequence(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        var introducer = scalars[index].value
        index += 1
        if introducer == 0x1B {
            guard index < scalars.count else { return index }
            let next = scalars[index].value
            index += 1
            switch next {
            case 0x5B: introducer = 0x9B  // ESC [  -> CSI
            case 0x5D: introducer = 0x9D  // ESC ]  -> OSC
            case 0x50: introducer = 0x90  // ESC P  -> DCS
            case 0x58, 0x5E, 0x5F: introducer = 0x98  // ESC X, ESC ^, ESC _ -> SOS, PM, APC
            case 0x20...0x2F:
                // ESC with intermediates, e.g. ESC ( B: skip intermediates, then one final byte.
                while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
                return min(index + 1, scalars.count)
            default:
                return index  // two-character sequence such as ESC c or ESC 7
            }
        }
        if introducer == 0x9B {
            // CSI: parameter and intermediate bytes, then one final byte in 0x40...0x7E.
            while index < scalars.count {
                let value = scalars[index].value
                guard (0x20...0x7E).contains(value) else { break }  // malformed: stop before it
                index += 1
                if value >= 0x40 { break }  // final byte
            }
            return index
        }
        // String sequences run until BEL, ST (ESC \ or 0x9C), or the end of the text.
        while index < scalars.count {
            let value = scalars[index].value
            if value == 0x07 || value == 0x9C { return index + 1 }
            if value == 0x1B {
                if index + 1 < scalars.count, scalars[index + 1].value == 0x5C { return index + 2 }
                return index + 1
            }
            index += 1
        }
        return index
    }
}
