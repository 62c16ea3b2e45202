import RawStructuredFieldValues

/// Serializes the `@signature-params` Inner List (RFC 9651 §4.1.1.1) directly into bytes for the common item types,
/// which every signature and every verification does once: through swift-http-structured-headers' serializer it
/// went through unspecialized generic code and cost about a tenth of the profile's overhead (docs/performance.md).
/// Whenever a value is one this writer leaves alone (a Decimal, a Date, a Display String) or is invalid in any way,
/// it answers nil and the library serializes instead, so every refusal still comes from the library.
enum InnerListSerialization {
    static func serialize(_ items: [ComponentIdentifier], parameters: OrderedMap<String, RFC9651BareItem>)
        -> [UInt8]?
    {
        var output: [UInt8] = []
        output.reserveCapacity(160)
        output.append(UInt8(ascii: "("))
        for (index, item) in items.enumerated() {
            if index > 0 { output.append(UInt8(ascii: " ")) }
            guard append(.string(item.name), to: &output),
                !item.hasParameters || append(item.parameters, to: &output)
            else { return nil }
        }
        output.append(UInt8(ascii: ")"))
        guard append(parameters, to: &output) else { return nil }
        return output
    }

    /// §4.1.1.2.
    private static func append(_ parameters: OrderedMap<String, RFC9651BareItem>, to output: inout [UInt8]) -> Bool {
        for (key, value) in parameters {
            guard isValidKey(key) else { return false }
            output.append(UInt8(ascii: ";"))
            output.append(contentsOf: key.utf8)
            if case .bool(true) = value { continue }
            output.append(UInt8(ascii: "="))
            guard append(value, to: &output) else { return false }
        }
        return true
    }

    /// §4.1.3.1 for Integers, Strings, Tokens, Byte Sequences (kept as received, as the library writes them) and
    /// Booleans.
    private static func append(_ value: RFC9651BareItem, to output: inout [UInt8]) -> Bool {
        switch value {
        case .integer(let integer):
            // §4.1.4: at most 15 digits.
            guard (-999_999_999_999_999...999_999_999_999_999).contains(integer) else { return false }
            output.append(contentsOf: String(integer).utf8)
        case .string(let string):
            output.append(UInt8(ascii: "\""))
            for byte in string.utf8 {
                // §4.1.6: only printable ASCII.
                guard (0x20...0x7E).contains(byte) else { return false }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { output.append(UInt8(ascii: "\\")) }
                output.append(byte)
            }
            output.append(UInt8(ascii: "\""))
        case .token(let token):
            guard isValidToken(token) else { return false }
            output.append(contentsOf: token.utf8)
        case .undecodedByteSequence(let encoded):
            output.append(UInt8(ascii: ":"))
            output.append(contentsOf: encoded.utf8)
            output.append(UInt8(ascii: ":"))
        case .bool(let bool):
            output.append(UInt8(ascii: "?"))
            output.append(bool ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        default:
            return false
        }
        return true
    }

    /// §4.1.1.3: lcalpha or "*", then lcalpha, DIGIT, "_", "-", ".", "*".
    private static func isValidKey(_ key: String) -> Bool {
        var bytes = key.utf8.makeIterator()
        guard let first = bytes.next(), isLowercaseLetter(first) || first == UInt8(ascii: "*") else { return false }
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "*"): continue
            default: guard isLowercaseLetter(byte) || isDigit(byte) else { return false }
            }
        }
        return true
    }

    /// §4.1.7: ALPHA or "*", then tchar, ":" and "/".
    private static func isValidToken(_ token: String) -> Bool {
        var bytes = token.utf8.makeIterator()
        guard let first = bytes.next(), isLetter(first) || first == UInt8(ascii: "*") else { return false }
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"),
                UInt8(ascii: ":"), UInt8(ascii: "/"):
                continue
            default: guard isLetter(byte) || isDigit(byte) else { return false }
            }
        }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        isLowercaseLetter(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
