/// A signature that verified, with the base that was checked.
public struct VerifiedSignature: Sendable, Hashable {
    public let signature: ReceivedSignature
    public let base: SignatureBase
    public var label: String { signature.label }
    public var parameters: SignatureParameters { signature.parameters }
}

/// Exactly why a signature was not accepted.
public enum SignatureFailureReason: Error, Sendable, Hashable, CustomStringConvertible {
    case noSignatures
    case noSignatureWithTag(String)
    case malformedFields(SignatureFieldError)
    case missingRequiredComponent(String)
    case missingCreated
    case createdInFuture(created: Int64, now: Int64)
    case tooOld(created: Int64, now: Int64)
    case expired(expires: Int64, now: Int64)
    case unknownKey(String?)
    case algorithmMismatch(declared: String, key: SignatureAlgorithm)
    case base(SignatureBaseError)
    case invalidSignature
    case missingNonce
    case replayedNonce
    case replayCacheFull

    public var description: String {
        switch self {
        case .noSignatures: "the message is not signed"
        case .noSignatureWithTag(let tag): "no signature has tag=\"\(tag)\""
        case .malformedFields(let error): "malformed signature fields: \(error)"
        case .missingRequiredComponent(let name): "the signature does not cover \(name)"
        case .missingCreated: "the signature has no 'created' parameter"
        case .createdInFuture(let created, let now): "the signature was created in the future (\(created) > \(now))"
        case .tooOld(let created, let now): "the signature is too old (created \(now - created) seconds ago)"
        case .expired(let expires, let now): "the signature expired \(now - expires) seconds ago"
        case .unknownKey(let keyID): "no key is known for keyid \(keyID.map { "\"\($0)\"" } ?? "(none)")"
        case .algorithmMismatch(let declared, let key):
            "the signature declares alg=\"\(declared)\" but the key is for \(key.rawValue)"
        case .base(let error): "cannot build the signature base: \(error)"
        case .invalidSignature: "the signature does not match the message"
        case .missingNonce: "the signature has no 'nonce' parameter"
        case .replayedNonce: "this signed request was already received (nonce reused)"
        case .replayCacheFull: "too many recent signatures to check for replay; retry later"
        }
    }
}

/// One rejected signature (or, with a nil label, a problem with the message as a whole).
public struct SignatureFailure: Sendable, Hashable, CustomStringConvertible {
    public let label: String?
    public let reason: SignatureFailureReason

    public init(label: String?, reason: SignatureFailureReason) {
        self.label = label
        self.reason = reason
    }

    public var description: String { label.map { "\($0): \(reason)" } ?? reason.description }
}

/// The outcome of verification: the first acceptable signature, or every reason none was acceptable.
public enum VerificationResult: Sendable, Hashable {
    case verified(VerifiedSignature)
    case failed([SignatureFailure])

    public var verified: VerifiedSignature? {
        if case .verified(let signature) = self { return signature }
        return nil
    }
}
