extension GNAPChallenge {
    /// Reads the GNAP challenge out of a `WWW-Authenticate` field value, or nil when there is none.
    ///
    /// Accepts RFC 9110's syntax (`GNAP as_uri="…", access="…"`, values quoted or tokens, among other challenges)
    /// and also the form RFC 9635 §9.1 prints in its example (`GNAP as_uri=https://as.example/tx;access=…`, bare
    /// URIs separated by `;`), which real RSes copy. Unknown parameters are ignored; a repeated one keeps the first.
    public init?(fieldValue: String) {
        var scanner = ChallengeScanner(Array(fieldValue.utf8))
        while let scheme = scanner.nextScheme() {
            let parameters = scanner.parameters()
            guard scheme.lowercased() == "gnap" else { continue }
            func first(_ name: String) -> String? { parameters.first { $0.name == name }?.value }
            self.init(asURI: first("as_uri"), referrer: first("referrer"), access: first("access"))
            return
        }
        return nil
    }
}

/// A small scanner over a `WWW-Authenticate` value: schemes, then `name=value` parameters until the next scheme.
private struct ChallengeScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    private static func isSeparator(_ byte: UInt8) -> Bool { byte == 0x2C || byte == 0x3B }
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        // RFC 9110 §5.6.2 tchar.
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    mutating func skip(while predicate: (UInt8) -> Bool) {
        while index < bytes.count, predicate(bytes[index]) { index += 1 }
    }

    mutating func token() -> String {
        let start = index
        skip(while: Self.isTokenByte)
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The next auth-scheme, skipping anything that is not one.
    mutating func nextScheme() -> String? {
        while index < bytes.count {
            skip(while: { Self.isSpace($0) || Self.isSeparator($0) })
            let name = token()
            if !name.isEmpty { return name }
            if index < bytes.count { index += 1 }
        }
        return nil
    }

    /// The parameters after a scheme; stops before a token that is not followed by `=` (the next scheme).
    mutating func parameters() -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        while index < bytes.count {
            let mark = index
            skip(while: { Self.isSpace($0) || Self.isSeparator($0) })
            let name = token()
            skip(while: Self.isSpace)
            guard !name.isEmpty, index < bytes.count, bytes[index] == 0x3D else {
                index = mark
                // A token68 credential or the next challenge: the parameters of this one are over.
                if name.isEmpty, index < bytes.count { index += 1 }
                return result
            }
            index += 1
            skip(while: Self.isSpace)
            result.append((name.lowercased(), value()))
        }
        return result
    }

    mutating func value() -> String {
        guard index < bytes.count, bytes[index] == 0x22 else {
            // A token, or (as in RFC 9635's example) a bare URI: up to the next separator or space.
            let start = index
            skip(while: { !Self.isSpace($0) && !Self.isSeparator($0) })
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        index += 1
        var output: [UInt8] = []
        while index < bytes.count, bytes[index] != 0x22 {
            if bytes[index] == 0x5C, index + 1 < bytes.count { index += 1 }
            output.append(bytes[index])
            index += 1
        }
        index += 1
        return String(decoding: output, as: UTF8.self)
    }
}
