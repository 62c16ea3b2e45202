import HTTPMessageSignatures
import HTTPTypes

/// A profile of RFC 9421 for one API: the required components and parameters, shared by signer and verifier so
/// the two cannot drift apart.
///
/// ``gnap`` is RFC 9635 §7.3.1; ``approverAPI`` is this project's interaction and admin API, which adds a
/// mandatory nonce (replay protection) and its own tag so a signature for one API is never accepted by the other.
public struct SignatureProfile: Sendable, Hashable {
    public var tag: String
    public var requireNonce: Bool
    /// Oldest acceptable `created`, in seconds.
    public var maximumAge: Int64
    /// Tolerated clock skew, in seconds.
    public var allowedClockSkew: Int64

    public init(tag: String, requireNonce: Bool, maximumAge: Int64 = 300, allowedClockSkew: Int64 = 30) {
        self.tag = tag
        self.requireNonce = requireNonce
        self.maximumAge = maximumAge
        self.allowedClockSkew = allowedClockSkew
    }

    /// RFC 9635 §7.3.1.
    public static let gnap = SignatureProfile(tag: "gnap", requireNonce: false)
    /// The approver (interaction and admin) API.
    public static let approverAPI = SignatureProfile(tag: "gnapterm", requireNonce: true, maximumAge: 120)

    /// §7.3.1: `@method` and `@target-uri` always; `content-digest` when there is content; `authorization` when a
    /// token is presented.
    public func requiredComponents(hasContent: Bool, hasAuthorization: Bool) -> [ComponentIdentifier] {
        var components: [ComponentIdentifier] = [.method, .targetURI]
        if hasContent { components.append(Self.contentDigest) }
        if hasAuthorization { components.append(Self.authorization) }
        return components
    }

    /// Built once: every request needs them, and building an identifier lowercases its name.
    private static let contentDigest = ComponentIdentifier.field("content-digest")
    private static let authorization = ComponentIdentifier.field("authorization")

    /// Adds Content-Digest (when there is content) and signs `request`.
    public func sign(
        _ request: inout HTTPRequest, content: [UInt8], key: SigningKey, digest: DigestAlgorithm = .sha256,
        now: WallInstant, nonce: String = Secrets.identifier()
    ) throws {
        if !content.isEmpty {
            request.headerFields[.contentDigest] = ContentDigest.fieldValue(for: content, algorithms: [digest])
        }
        try signPrepared(
            &request, hasContent: !content.isEmpty, key: key, label: "sig1", tag: tag, extra: [], now: now, nonce: nonce
        )
    }

    /// Signs a request whose Content-Digest (if any) is already in place.
    func signPrepared(
        _ request: inout HTTPRequest, hasContent: Bool, key: SigningKey, label: String, tag: String,
        extra: [ComponentIdentifier], now: WallInstant, nonce: String
    ) throws {
        let components =
            requiredComponents(hasContent: hasContent, hasAuthorization: request.headerFields.contains(.authorization))
            + extra
        // §7.3.1: no `alg` parameter; `keyid` is the JWK's `kid`.
        let parameters = SignatureParameters(created: now.unixSeconds, nonce: nonce, keyID: key.keyID, tag: tag)
        try MessageSigner.sign(&request, label: label, components: components, parameters: parameters, key: key)
    }

    /// Verifies a request against one expected key. Returns the verified signature or a description of exactly
    /// why it failed.
    public func verify(
        _ request: HTTPRequest, content: [UInt8], key: VerificationKey, keyID expectedKeyID: String?,
        digestAlgorithms: Set<DigestAlgorithm> = Set(DigestAlgorithm.allCases), now: WallInstant
    ) -> Result<VerifiedSignature, SignatureRejection> {
        // An unsigned request is first of all unsigned, whatever else is missing.
        if !request.headerFields.contains(.signatureInput) {
            return .failure(
                .signature([SignatureFailure(label: nil, reason: .noSignatures)], requireNonce: requireNonce))
        }
        if !content.isEmpty {
            guard let digestField = request.headerFields[.contentDigest] else {
                return .failure(.contentDigest("the request has content but no Content-Digest"))
            }
            switch ContentDigest.verify(fieldValue: digestField, body: content, accepted: digestAlgorithms) {
            case .valid: break
            case .malformed: return .failure(.contentDigest("Content-Digest is malformed"))
            case .noAcceptedAlgorithm:
                return .failure(
                    .contentDigest(
                        "Content-Digest uses none of "
                            + digestAlgorithms.map(\.rawValue).sorted().joined(
                                separator: ", ")))
            case .mismatch(let algorithm):
                return .failure(.contentDigest("Content-Digest \(algorithm.rawValue) does not match the content"))
            }
        }
        return verifySignature(
            request, hasContent: !content.isEmpty, key: key, keyID: expectedKeyID, tag: tag, extraComponents: [],
            now: now)
    }

    /// The signature part of verification: the required components (plus `extraComponents`), `tag`, `created`
    /// within the age window, no `alg`, `keyid` naming the expected key, and the nonce rule of this profile.
    func verifySignature(
        _ request: HTTPRequest, hasContent: Bool, key: VerificationKey, keyID expectedKeyID: String?, tag: String,
        extraComponents: [ComponentIdentifier], now: WallInstant
    ) -> Result<VerifiedSignature, SignatureRejection> {
        let required =
            requiredComponents(hasContent: hasContent, hasAuthorization: request.headerFields.contains(.authorization))
            + extraComponents
        let policy = VerificationPolicy(
            requiredComponents: required, requiredTag: tag, requireCreated: true, maximumAge: maximumAge,
            allowedClockSkew: allowedClockSkew, now: now.unixSeconds)
        let requireNonce = self.requireNonce
        let result = MessageVerifier.verify(.request(request), policy: policy) { signature in
            // §7.3.1: the explicit `alg` parameter MUST NOT be used; `keyid` must name the expected key.
            if signature.parameters.algorithm != nil { return nil }
            if let expectedKeyID, signature.parameters.keyID != expectedKeyID { return nil }
            if requireNonce && (signature.parameters.nonce ?? "").isEmpty { return nil }
            return key
        }
        switch result {
        case .verified(let verified): return .success(verified)
        case .failed(let failures): return .failure(.signature(failures, requireNonce: requireNonce))
        }
    }
}

/// Why a request's proof was refused, in words for the client's developer.
public enum SignatureRejection: Error, Sendable, Hashable, CustomStringConvertible {
    case contentDigest(String)
    case signature([SignatureFailure], requireNonce: Bool)

    public var description: String {
        switch self {
        case .contentDigest(let detail): detail
        case .signature(let failures, let requireNonce):
            failures.map { failure in
                if case .unknownKey = failure.reason {
                    // The resolver refuses for profile reasons; say which ones could apply.
                    return (failure.label.map { "\($0): " } ?? "")
                        + "keyid does not name the expected key, or 'alg' is present"
                        + (requireNonce ? ", or the nonce is missing" : "")
                }
                return failure.description
            }.joined(separator: "; ")
        }
    }
}
