extension CompactJWS {
    /// Why a JWS was refused. Descriptions are safe to show: they never contain key material.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// Not a compact JWS this library reads: the message says what is wrong.
        case malformed(String)
        /// `alg` is `none` (RFC 7518 §3.6): an unsecured JWS is never accepted.
        case algorithmNone
        /// An HMAC `alg` with a key that is not a shared secret: the classic algorithm confusion, where a public
        /// key would be used as the MAC key.
        case macWithoutSharedSecret(String)
        /// `alg` names an algorithm this library does not implement.
        case unsupportedAlgorithm(String)
        /// `alg` is a supported algorithm, but not the one the key is bound to.
        case algorithmMismatch(header: String, key: String)
        /// `crit` names extensions the caller does not understand (RFC 7515 §4.1.11).
        case unsupportedCritical([String])
        /// No key matches the header (JWK Set verification).
        case unknownKey
        case badSignature

        public var description: String {
            switch self {
            case .malformed(let what): "malformed JWS: \(what)"
            case .algorithmNone: "JWS 'alg' is 'none'; unsecured JWS are refused"
            case .macWithoutSharedSecret(let alg): "JWS 'alg' \(alg) is a MAC, but the key is not a shared secret"
            case .unsupportedAlgorithm(let alg): "unsupported JWS algorithm '\(alg)'"
            case .algorithmMismatch(let header, let key): "JWS 'alg' \(header) does not match the key's \(key)"
            case .unsupportedCritical(let names):
                "JWS 'crit' names unsupported extensions: \(names.joined(separator: ", "))"
            case .unknownKey: "no known key matches the JWS"
            case .badSignature: "the JWS signature is not valid"
            }
        }
    }
}
