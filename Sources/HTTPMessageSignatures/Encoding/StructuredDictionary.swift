import RawStructuredFieldValues

/// Parses RFC 9651 Dictionary fields (§4.2.2) such as `Signature-Input`, `Signature` and `Content-Digest`, which
/// every verification reads.
///
/// swift-http-structured-headers' parser is generic over its input and not inlinable, so every byte it reads goes
/// through protocol witnesses: on a typical GNAP request it cost about as much as a third of an Ed25519 verification
/// (docs/performance.md). This file parses the common subset of the syntax directly on the bytes and hands the
/// rest to that parser: whenever the input holds a Decimal, a Date or a Display String, or is not valid at all, the
/// library's parser runs instead, so every rejection and every rare type still comes from it. Where this parser
/// does answer, it builds exactly the values the library's parser would (tests compare the two).
enum StructuredDictionary {
    static func parse(_ bytes: [UInt8]) throws -> OrderedMap<String, ItemOrInnerList> {
        var fast = FastParser(bytes)
        if let dictionary = fast.parseDictionaryFieldValue() { return dictionary }
        var parser = StructuredFieldValueParser(bytes)
        return try parser.parseDictionaryFieldValue()
    }

    /// The members of the Dictionary in order, each key once, as ``parse(_:)`` reads them but without building the
    /// generic `OrderedMap` (several thousand instructions for each map; see `OrderedMapBuilding`), for the readers
    /// of `Signature-Input`, `Signature` and `Content-Digest` that only walk the members or look one up.
    static func members(_ bytes: [UInt8]) throws -> [(key: String, value: ItemOrInnerList)] {
        var fast = FastParser(bytes)
        if let members = fast.parseDictionaryMembers() { return members.map { (key: $0.0, value: $0.1) } }
        var parser = StructuredFieldValueParser(bytes)
        return try parser.parseDictionaryFieldValue().map { (key: $0.0, value: $0.1) }
    }

    /// The subset parser. Every method returns nil both for invalid input and for input it leaves to the library.
    struct FastParser {
        private let bytes: [UInt8]
        private var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        /// RFC 9651 §4.2 with field type "dictionary".
        mutating func parseDictionaryFieldValue() -> OrderedMap<String, ItemOrInnerList>? {
            parseDictionaryMembers().map(OrderedMapBuilding.map)
        }

        /// The same, as the members in order, each key once.
        mutating func parseDictionaryMembers() -> [(String, ItemOrInnerList)]? {
            skip(space: true, tab: false)
            var dictionary: [(String, ItemOrInnerList)] = []
            while position < bytes.count {
                guard let key = parseKey() else { return nil }
                let member: ItemOrInnerList
                if current == UInt8(ascii: "=") {
                    position += 1
                    guard let value = parseItemOrInnerList() else { return nil }
                    member = value
                } else {
                    guard let parameters = parseParameters() else { return nil }
                    member = .item(Item(bareItem: .bool(true), parameters: parameters))
                }
                // §4.2.2 step 2.4: a repeated key keeps its place and takes the last value (OrderedMap's setter).
                Self.set(key, member, in: &dictionary)
                skip(space: true, tab: true)
                guard position < bytes.count else { break }
                guard bytes[position] == UInt8(ascii: ",") else { return nil }
                position += 1
                skip(space: true, tab: true)
                // A trailing comma.
                guard position < bytes.count else { return nil }
            }
            skip(space: true, tab: false)
            return position == bytes.count ? dictionary : nil
        }

        /// §4.2.1.1.
        private mutating func parseItemOrInnerList() -> ItemOrInnerList? {
            if current == UInt8(ascii: "(") { return parseInnerList().map { .innerList($0) } }
            return parseItem().map { .item($0) }
        }

        /// §4.2.1.2.
        private mutating func parseInnerList() -> InnerList? {
            position += 1
            var list = BareInnerList()
            while position < bytes.count {
                skip(space: true, tab: false)
                if current == UInt8(ascii: ")") {
                    position += 1
                    guard let parameters = parseParameters() else { return nil }
                    return InnerList(bareInnerList: list, parameters: parameters)
                }
                guard let item = parseItem() else { return nil }
                list.append(item)
                guard current == UInt8(ascii: " ") || current == UInt8(ascii: ")") else { return nil }
            }
            return nil
        }

        /// §4.2.3.
        private mutating func parseItem() -> Item? {
            guard let bareItem = parseBareItem(), let parameters = parseParameters() else { return nil }
            return Item(bareItem: bareItem, parameters: parameters)
        }

        /// §4.2.3.1, without Decimals (§4.2.4), Dates (§4.2.9) and Display Strings (§4.2.10).
        private mutating func parseBareItem() -> RFC9651BareItem? {
            guard let first = current else { return nil }
            switch first {
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return parseInteger()
            case UInt8(ascii: "\""): return parseString()
            case UInt8(ascii: ":"): return parseByteSequence()
            case UInt8(ascii: "?"): return parseBoolean()
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "*"):
                return parseToken()
            default: return nil
            }
        }

        /// §4.2.3.2.
        private mutating func parseParameters() -> OrderedMap<String, RFC9651BareItem>? {
            // Most items have none: no map is built for them.
            guard current == UInt8(ascii: ";") else { return OrderedMapBuilding.noParameters }
            var parameters: [(String, RFC9651BareItem)] = []
            while current == UInt8(ascii: ";") {
                position += 1
                skip(space: true, tab: false)
                guard let key = parseKey() else { return nil }
                var value = RFC9651BareItem.bool(true)
                if current == UInt8(ascii: "=") {
                    position += 1
                    guard let parsed = parseBareItem() else { return nil }
                    value = parsed
                }
                Self.set(key, value, in: &parameters)
            }
            return OrderedMapBuilding.map(parameters)
        }

        /// A repeated key keeps its first place and takes the last value, as in OrderedMap's setter.
        private static func set<Value>(_ key: String, _ value: Value, in entries: inout [(String, Value)]) {
            if let index = entries.firstIndex(where: { $0.0 == key }) {
                entries[index].1 = value
            } else {
                entries.append((key, value))
            }
        }

        /// §4.2.3.3: lcalpha or "*", then lcalpha, DIGIT, "_", "-", ".", "*".
        private mutating func parseKey() -> String? {
            guard let first = current, Self.isLowercaseLetter(first) || first == UInt8(ascii: "*") else { return nil }
            let start = position
            while let byte = current, Self.isKeyCharacter(byte) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        /// §4.2.4 for Integers only: a Decimal point hands the whole field to the library's parser.
        private mutating func parseInteger() -> RFC9651BareItem? {
            var sign: Int64 = 1
            if current == UInt8(ascii: "-") {
                sign = -1
                position += 1
            }
            var magnitude: Int64 = 0
            var digits = 0
            while let byte = current, Self.isDigit(byte) {
                magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
                position += 1
                // At most 15 digits (§4.2.4 step 7.5), which also keeps the magnitude far from overflowing.
                guard digits <= 15 else { return nil }
            }
            guard digits > 0, current != UInt8(ascii: ".") else { return nil }
            return .integer(sign * magnitude)
        }

        /// §4.2.5.
        private mutating func parseString() -> RFC9651BareItem? {
            position += 1
            var output: [UInt8] = []
            while let byte = current {
                position += 1
                switch byte {
                case UInt8(ascii: "\\"):
                    guard let next = current, next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") else {
                        return nil
                    }
                    position += 1
                    output.append(next)
                case UInt8(ascii: "\""):
                    return .string(String(decoding: output, as: UTF8.self))
                case 0x00...0x1F, 0x7F...0xFF:
                    return nil
                default:
                    output.append(byte)
                }
            }
            return nil
        }

        /// §4.2.6.
        private mutating func parseToken() -> RFC9651BareItem? {
            let start = position
            while let byte = current, Self.isTokenCharacter(byte) { position += 1 }
            return .token(String(decoding: bytes[start..<position], as: UTF8.self))
        }

        /// §4.2.7. Like the library, this keeps the base64 text undecoded, after checking its alphabet.
        private mutating func parseByteSequence() -> RFC9651BareItem? {
            position += 1
            let start = position
            while let byte = current {
                if byte == UInt8(ascii: ":") {
                    let content = String(decoding: bytes[start..<position], as: UTF8.self)
                    position += 1
                    return .undecodedByteSequence(content)
                }
                guard Self.isBase64Character(byte) else { return nil }
                position += 1
            }
            return nil
        }

        /// §4.2.8.
        private mutating func parseBoolean() -> RFC9651BareItem? {
            position += 1
            switch current {
            case UInt8(ascii: "1"):
                position += 1
                return .bool(true)
            case UInt8(ascii: "0"):
                position += 1
                return .bool(false)
            default:
                return nil
            }
        }

        private mutating func skip(space: Bool, tab: Bool) {
            while let byte = current, (space && byte == UInt8(ascii: " ")) || (tab && byte == UInt8(ascii: "\t")) {
                position += 1
            }
        }

        private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

        private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }

        private static func isLetter(_ byte: UInt8) -> Bool {
            isLowercaseLetter(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }

        private static func isKeyCharacter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "*"): true
            default: isLowercaseLetter(byte) || isDigit(byte)
            }
        }

        /// RFC 9110 tchar, ":" and "/".
        private static func isTokenCharacter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"),
                UInt8(ascii: ":"), UInt8(ascii: "/"):
                true
            default: isLetter(byte) || isDigit(byte)
            }
        }

        private static func isBase64Character(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): true
            default: isLetter(byte) || isDigit(byte)
            }
        }
    }
}
