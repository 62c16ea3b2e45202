import Crypto

extension JWK {
    /// The RFC 7638 thumbprint: SHA-256 over the required members, in lexicographic order, with no whitespace,
    /// encoded as unpadded base64url.
    public func thumbprint() throws(KeyError) -> String {
        let members: [(String, String?)]
        switch kty {
        case "OKP": members = [("crv", crv), ("kty", kty), ("x", x)]
        case "EC": members = [("crv", crv), ("kty", kty), ("x", x), ("y", y)]
        case "RSA": members = [("e", e), ("kty", kty), ("n", n)]
        case "oct": members = [("k", k), ("kty", kty)]
        default: throw KeyError.unsupportedKeyType(kty)
        }
        var json = "{"
        for (index, (name, value)) in members.enumerated() {
            guard let value else { throw KeyError.missingMember(name) }
            if index > 0 { json += "," }
            // §3.3 of RFC 7638: the member values are base64url strings or registered names, which never need
            // JSON escaping; refuse anything that would.
            guard value.unicodeScalars.allSatisfy({ $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 })
            else { throw KeyError.malformedMember(name) }
            json += "\"\(name)\":\"\(value)\""
        }
        json += "}"
        return Base64URL.encode(SHA256.hash(data: Array(json.utf8)))
    }
}
