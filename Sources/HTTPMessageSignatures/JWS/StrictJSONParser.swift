/// A strict JSON (RFC 8259) reader for JOSE headers: one object at the top, UTF-8 only, no duplicate member names at
/// any depth (RFC 7515 §4 lets a parser refuse them; accepting "the last one" invites two readers to disagree),
/// bounded nesting, nothing after the object. It works on the bytes directly because a header is parsed on every
/// verified request.
struct StrictJSONParser {
    struct Failure: Error, Hashable {
        var reason: String
        var offset: Int
    }

    static let maximumDepth = 16

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses `bytes` as exactly one JSON object and returns its members in order.
    static func parseObject(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> [JOSEHeader.Member] {
        var parser = StrictJSONParser(bytes)
        parser.skipWhitespace()
        guard parser.peek == UInt8(ascii: "{") else { throw parser.failure("the header is not a JSON object") }
        let members = try parser.object(depth: 1)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure("unexpected content after the object") }
        return members
    }

    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    func failure(_ reason: String) -> Failure { Failure(reason: reason, offset: position) }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    mutating func expect(_ byte: UInt8) throws(Failure) {
        guard peek == byte else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    private mutating func value(depth: Int) throws(Failure) -> JOSEHeader.Value {
        guard let byte = peek else { throw failure("unexpected end of the header") }
        switch byte {
        case UInt8(ascii: "{"): return .object(try object(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try array(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected character")
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> [JOSEHeader.Member] {
        guard depth <= Self.maximumDepth else { throw failure("nested too deeply") }
        try expect(UInt8(ascii: "{"))
        var members: [JOSEHeader.Member] = []
        // Names seen, once there are enough of them that a linear search would let a hostile header cost
        // quadratic time.
        var names: Set<String> = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            position += 1
            return members
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let name = try string()
            if members.count == 16 { names = Set(members.map(\.name)) }
            let repeated = members.count < 16 ? members.contains { $0.name == name } : !names.insert(name).inserted
            guard !repeated else { throw failure("the member name '\(name)' appears twice") }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            members.append(JOSEHeader.Member(name, try value(depth: depth)))
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return members
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> [JOSEHeader.Value] {
        guard depth <= Self.maximumDepth else { throw failure("nested too deeply") }
        try expect(UInt8(ascii: "["))
        var elements: [JOSEHeader.Value] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth))
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            return elements
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("unexpected end of the header") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            throw failure("unexpected character")
        }
        position += count
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(Failure) -> JOSEHeader.Value {
        let start = position
        if peek == UInt8(ascii: "-") { position += 1 }
        guard let first = peek, isDigit(first) else { throw failure("malformed number") }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        var integral = true
        if peek == UInt8(ascii: ".") {
            integral = false
            position += 1
            guard let next = peek, isDigit(next) else { throw failure("malformed number") }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            integral = false
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard let next = peek, isDigit(next) else { throw failure("malformed number") }
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if integral, let integer = Int64(text) { return .integer(integer) }
        guard let double = Double(text), double.isFinite else { throw failure("number out of range") }
        return .number(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = peek, isDigit(byte) { position += 1 }
    }
}
