extension JOSEHeader {
    /// The header parameters RFC 7515 §4.1 registers; `crit` must not name them (§4.1.11).
    static let registeredNames: Set<String> = [
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
    ]

    /// Reads a decoded protected header (RFC 7515 §5.2 steps 3–4) strictly: a JSON object without duplicate names,
    /// `alg` a non-empty string, `typ` and `kid` strings, `crit` a non-empty list of unique extension names
    /// (§4.1.11), and no unencoded payload (RFC 7797 `b64: false`), which this library does not support.
    init(json: UnsafeBufferPointer<UInt8>) throws(CompactJWS.Failure) {
        let parsed: [Member]
        do {
            parsed = try StrictJSONParser.parseObject(json)
        } catch {
            throw .malformed("the header is not valid JSON: \(error.reason)")
        }
        var alg: String?
        var rest: [Member] = []
        rest.reserveCapacity(parsed.count)
        for member in parsed {
            switch member.name {
            case "alg":
                guard case .string(let value) = member.value, !value.isEmpty else { throw Self.wrongType("alg") }
                alg = value
            case "typ":
                guard case .string(let value) = member.value else { throw Self.wrongType("typ") }
                typ = value
            case "kid":
                guard case .string(let value) = member.value else { throw Self.wrongType("kid") }
                kid = value
            case "crit":
                crit = try Self.criticalNames(member.value)
            case "b64":
                guard member.value == .bool(true) else {
                    throw .malformed("unencoded payloads (RFC 7797 'b64': false) are not supported")
                }
                rest.append(member)
            default:
                rest.append(member)
            }
        }
        guard let alg else { throw .malformed("the header has no 'alg'") }
        self.alg = alg
        members = rest
    }

    private static func wrongType(_ name: String) -> CompactJWS.Failure {
        .malformed("the header member '\(name)' has the wrong type")
    }

    private static func criticalNames(_ value: Value) throws(CompactJWS.Failure) -> [String] {
        guard case .array(let elements) = value, !elements.isEmpty else {
            throw .malformed("'crit' must be a non-empty list of names")
        }
        var names: [String] = []
        for element in elements {
            guard case .string(let name) = element, !name.isEmpty, !names.contains(name) else {
                throw .malformed("'crit' must be a list of distinct, non-empty names")
            }
            guard !registeredNames.contains(name) else {
                throw .malformed("'crit' must not name the registered parameter '\(name)'")
            }
            names.append(name)
        }
        return names
    }

    /// The header as compact JSON: `alg`, `kid`, `typ`, `crit`, then ``members`` in order.
    public func jsonBytes() -> [UInt8] {
        var members: [Member] = [Member("alg", .string(alg))]
        if let kid { members.append(Member("kid", .string(kid))) }
        if let typ { members.append(Member("typ", .string(typ))) }
        if let crit { members.append(Member("crit", .array(crit.map { .string($0) }))) }
        members += self.members.filter { !Self.typedNames.contains($0.name) }
        var output: [UInt8] = []
        output.reserveCapacity(128)
        JSONWriter.write(.object(members), into: &output)
        return output
    }
}

/// Writes JSON values compactly (RFC 8259), escaping only what §7 requires.
enum JSONWriter {
    static func write(_ value: JOSEHeader.Value, into output: inout [UInt8]) {
        switch value {
        case .string(let string): write(string: string, into: &output)
        case .integer(let integer): output += String(integer).utf8
        case .number(let number): output += "\(number)".utf8
        case .bool(let bool): output += (bool ? "true" : "false").utf8
        case .null: output += "null".utf8
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(string: member.name, into: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    static func write(string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0x0A: output += "\\n".utf8
            case 0x0D: output += "\\r".utf8
            case 0x09: output += "\\t".utf8
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += "\\u00".utf8
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
