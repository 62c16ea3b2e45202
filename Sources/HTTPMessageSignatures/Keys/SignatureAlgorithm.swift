/// The HTTP Signature Algorithms registry of RFC 9421 §6.2.2.
public enum SignatureAlgorithm: String, Sendable, Hashable, CaseIterable, Codable {
    case rsaPSSSHA512 = "rsa-pss-sha512"
    case rsaV15SHA256 = "rsa-v1_5-sha256"
    case hmacSHA256 = "hmac-sha256"
    case ecdsaP256SHA256 = "ecdsa-p256-sha256"
    case ecdsaP384SHA384 = "ecdsa-p384-sha384"
    case ed25519 = "ed25519"

    /// The JWS `alg` value (RFC 7518 / RFC 8037) that names the same algorithm, used when a JWK carries `alg`
    /// (RFC 9421 §3.3.7 and RFC 9635 §7.3.1: the key's `alg` determines the signature algorithm).
    public var jwsAlgorithm: String {
        switch self {
        case .rsaPSSSHA512: "PS512"
        case .rsaV15SHA256: "RS256"
        case .hmacSHA256: "HS256"
        case .ecdsaP256SHA256: "ES256"
        case .ecdsaP384SHA384: "ES384"
        case .ed25519: "EdDSA"
        }
    }

    /// Maps a JWS `alg` value to the HTTP signature algorithm, or nil for algorithms this library does not support.
    /// `Ed25519`, the fully specified name RFC 9864 registers for EdDSA with Ed25519 keys, is read as `EdDSA`.
    public init?(jwsAlgorithm: String) {
        if jwsAlgorithm == "Ed25519" {
            self = .ed25519
            return
        }
        guard let match = Self.allCases.first(where: { $0.jwsAlgorithm == jwsAlgorithm }) else { return nil }
        self = match
    }
}
