import Testing

@testable import TerminalUI

@Suite struct TextSanitizerTests {
    @Test func plainTextIsUnchanged() {
        for text in ["Example Client", "日本語 😀 🇫🇷", "café", "a-b_c.d"] {
            #expect(TextSanitizer.sanitize(text) == text)
            #expect(!TextSanitizer.needsSanitizing(text))
        }
    }

    @Test(arguments: [
        ("\u{1B}[31mRed\u{1B}[0m", "�Red�"),  // SGR colour
        ("A\u{1B}[2J\u{1B}[HB", "A��B"),  // clear screen, cursor home
        ("\u{1B}[10;20Hmoved", "�moved"),  // cursor position
        ("\u{1B}]0;pwned\u{7}title", "�title"),  // OSC window title, BEL-terminated
        ("\u{1B}]8;;http://evil\u{1B}\\link", "�link"),  // OSC 8 hyperlink, ST-terminated
        ("\u{1B}P1$r\u{1B}\\x", "�x"),  // DCS
        ("\u{1B}(Bz", "�z"),  // charset designation
        ("\u{1B}cReset", "�Reset"),  // RIS
        ("\u{9B}31mC1", "�C1"),  // 8-bit CSI
        ("a\u{8}\u{8}b", "a��b"),  // backspaces
        ("x\ry", "x�y"),  // carriage return
        ("line1\nline2", "line1�line2"),
        ("tab\there", "tab here"),
        ("\u{202E}evil\u{202C}", "�evil�"),  // bidi override
        ("del\u{7F}", "del�"),
        ("\u{1B}", "�"),  // lone ESC at the end
        ("\u{1B}[", "�"),  // unterminated CSI
    ])
    func escapesAndControlsBecomePlaceholders(input: String, expected: String) {
        #expect(TextSanitizer.sanitize(input) == expected)
        #expect(TextSanitizer.needsSanitizing(input))
    }

    @Test func newlinesCanBeKeptForParagraphs() {
        #expect(TextSanitizer.sanitize("a\nb\u{1B}[1mc", allowNewlines: true) == "a\nb�c")
    }

    @Test func sanitizedTextHasNoControlScalars() {
        let nasty = "\u{1B}[?1049h\u{1B}]52;c;aGk=\u{7}\u{90}q\u{9C}\u{0}\u{1F}ok"
        let clean = TextSanitizer.sanitize(nasty)
        #expect(clean.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) })
        #expect(clean.hasSuffix("ok"))
    }
}
