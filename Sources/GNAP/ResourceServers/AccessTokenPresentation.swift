/// How a client presented an access token to an RS, read from the `Authorization` field (RFC 9635 §7.2): with the
/// `GNAP` scheme and a key proof for a bound token, or with RFC 6750's `Bearer` scheme for a token flagged `bearer`.
public enum AccessTokenPresentation: Sendable, Hashable {
    case gnap(String)
    case bearer(String)

    /// The token value.
    public var token: String {
        switch self {
        case .gnap(let token), .bearer(let token): token
        }
    }

    /// Why an `Authorization` value is not a token presentation.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// A scheme other than `GNAP` and `Bearer` (e.g. `Basic`); the name is kept to say so.
        case otherScheme(String)
        /// The scheme is right but the token is missing or not token68.
        case malformedToken(scheme: String)

        public var description: String {
            switch self {
            case .otherScheme(let scheme):
                "the Authorization scheme '\(scheme.prefix(32))' is not GNAP (RFC 9635 §7.2)"
            case .malformedToken(let scheme): "the \(scheme) Authorization carries no valid token value"
            }
        }
    }

    /// Parses one `Authorization` field value: a scheme, spaces, a token68 (RFC 9110 §11.4). Scheme names are
    /// case-insensitive (§11.1); surrounding whitespace is not part of the value. Works on the UTF-8 bytes: an RS
    /// runs this on every request.
    public static func parse(_ value: String) -> Result<AccessTokenPresentation, Problem> {
        let bytes = value.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return .failure(.otherScheme("")) }
        let trimmed = bytes[first...last]
        let schemeEnd = trimmed.firstIndex(where: isSpace) ?? trimmed.endIndex
        let scheme = trimmed[trimmed.startIndex..<schemeEnd]
        let isGNAP = isScheme(scheme, "gnap")
        guard isGNAP || isScheme(scheme, "bearer") else {
            return .failure(.otherScheme(String(decoding: scheme, as: UTF8.self)))
        }
        let tokenBytes = trimmed[schemeEnd...].drop(while: isSpace)
        guard isToken68(tokenBytes) else { return .failure(.malformedToken(scheme: isGNAP ? "GNAP" : "Bearer")) }
        let token = String(decoding: tokenBytes, as: UTF8.self)
        return .success(isGNAP ? .gnap(token) : .bearer(token))
    }

    /// The field value that presents `token` this way.
    public var fieldValue: String {
        switch self {
        case .gnap(let token): "GNAP \(token)"
        case .bearer(let token): "Bearer \(token)"
        }
    }

    private static func isScheme(_ candidate: Substring.UTF8View, _ lowercased: StaticString) -> Bool {
        guard candidate.count == lowercased.utf8CodeUnitCount else { return false }
        return lowercased.withUTF8Buffer { expected in zip(candidate, expected).allSatisfy { ($0 | 0x20) == $1 } }
    }

    /// RFC 9110 §11.2 token68: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`, the character set
    /// RFC 9635 §3.2.1 limits token values to.
    public static func isToken68(_ value: String) -> Bool { isToken68(value.utf8) }

    static func isToken68(_ bytes: some Sequence<UInt8>) -> Bool {
        var sawPadding = false
        var count = 0
        for byte in bytes {
            if byte == 0x3D {
                guard count > 0 else { return false }
                sawPadding = true
                continue
            }
            guard !sawPadding else { return false }
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E, 0x2B, 0x2F: count += 1
            default: return false
            }
        }
        return count > 0
    }
}
