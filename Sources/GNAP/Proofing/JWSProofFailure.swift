import HTTPMessageSignatures

/// Why a JWS proof was refused. The caller maps it to a §3.6 error with ``gnapError(_:)`` (`invalid_client` for
/// a client's request, `invalid_rotation` for a rotation, …); the descriptions are for the client's developer.
public indirect enum JWSProofFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// No JWS where the method puts it: no `Detached-JWS` field, or no body for `jws`.
    case missingProof(String)
    case malformed(String)
    /// `alg: none`.
    case algorithmNone
    /// An HMAC `alg` while the key is a public key.
    case macWithPublicKey(String)
    case unsupportedAlgorithm(String)
    /// `alg` is not the key's algorithm (§7.3.3: "If the key is presented as a JWK, this MUST be equal to the
    /// `alg` parameter of the key").
    case algorithmMismatch(header: String, key: String)
    case unsupportedCritical([String])
    case wrongType(expected: String, found: String?)
    case missingHeaderMember(String)
    case wrongKeyID(expected: String, found: String?)
    case methodMismatch(signed: String, actual: String)
    case uriMismatch(signed: String, actual: String)
    /// A token is presented but the header has no `ath`.
    case missingAccessTokenHash
    /// `ath` is not the hash of the presented token.
    case accessTokenHashMismatch
    /// `ath` is present but no token is.
    case unexpectedAccessTokenHash
    case createdInFuture(created: Int64, now: Int64)
    case tooOld(created: Int64, now: Int64)
    /// The content is not what was signed (for `jwsd`: its digest is not the payload).
    case contentMismatch
    case badSignature
    /// One of the two proofs of a key rotation failed.
    case rotation(RotationKey, JWSProofFailure)

    public enum RotationKey: String, Sendable, Hashable {
        case old = "current key"
        case new = "new key"
    }

    init(_ failure: CompactJWS.Failure) {
        switch failure {
        case .malformed(let what): self = .malformed(what)
        case .algorithmNone: self = .algorithmNone
        case .macWithoutSharedSecret(let alg): self = .macWithPublicKey(alg)
        case .unsupportedAlgorithm(let alg): self = .unsupportedAlgorithm(alg)
        case .algorithmMismatch(let header, let key): self = .algorithmMismatch(header: header, key: key)
        case .unsupportedCritical(let names): self = .unsupportedCritical(names)
        case .unknownKey, .badSignature: self = .badSignature
        }
    }

    public var description: String {
        switch self {
        case .missingProof(let what): "no JWS proof: \(what)"
        case .malformed(let what): "malformed JWS: \(what)"
        case .algorithmNone: "the JWS 'alg' is 'none'; unsecured JWS are refused"
        case .macWithPublicKey(let alg): "the JWS 'alg' \(alg) is a MAC, but the client's key is a public key"
        case .unsupportedAlgorithm(let alg): "the JWS 'alg' '\(alg)' is not supported"
        case .algorithmMismatch(let header, let key): "the JWS 'alg' \(header) is not the key's algorithm \(key)"
        case .unsupportedCritical(let names):
            "the JWS 'crit' names unsupported members: \(names.joined(separator: ", "))"
        case .wrongType(let expected, let found):
            "the JWS 'typ' is \(found.map { "'\($0)'" } ?? "missing"), expected '\(expected)'"
        case .missingHeaderMember(let name): "the JWS header has no '\(name)'"
        case .wrongKeyID(let expected, let found):
            "the JWS 'kid' is \(found.map { "'\($0)'" } ?? "missing"), expected the key's '\(expected)'"
        case .methodMismatch(let signed, let actual):
            "the JWS 'htm' is '\(signed)', but the request method is '\(actual)'"
        case .uriMismatch(let signed, let actual): "the JWS 'uri' is '\(signed)', but the request is for '\(actual)'"
        case .missingAccessTokenHash: "an access token is presented, but the JWS header has no 'ath'"
        case .accessTokenHashMismatch: "the JWS 'ath' is not the hash of the presented access token"
        case .unexpectedAccessTokenHash: "the JWS header has 'ath', but no access token is presented"
        case .createdInFuture(let created, let now): "the JWS 'created' \(created) is in the future (now \(now))"
        case .tooOld(let created, let now): "the JWS 'created' \(created) is too old (now \(now))"
        case .contentMismatch: "the request content is not the content the JWS signs"
        case .badSignature: "the JWS signature does not verify with the client's key"
        case .rotation(let key, let failure): "the \(key.rawValue)'s proof: \(failure)"
        }
    }

    /// The §3.6 error to answer with.
    public func gnapError(_ code: GNAPError.Code = .invalidClient) -> GNAPError { GNAPError(code, description) }
}
