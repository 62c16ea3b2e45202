/// Verifies HTTP message signatures (RFC 9421 §3.2).
public enum MessageVerifier {
    /// Checks every signature on `message` (filtered by the policy's tag) until one is acceptable.
    ///
    /// - Parameter key: resolves the verification key for a signature, typically from its `keyid` or from context
    ///   the application already holds (such as the key in a GNAP request). Return nil when no key is known.
    ///   The label is never trusted to select a key (§7.2.5).
    public static func verify(
        _ message: HTTPMessage, policy: VerificationPolicy,
        key: (ReceivedSignature) -> VerificationKey?
    ) -> VerificationResult {
        let signatures: [ReceivedSignature]
        do {
            signatures = try SignatureFields.parse(message.headerFields, limits: policy.limits)
        } catch {
            return .failed([SignatureFailure(label: nil, reason: .malformedFields(error))])
        }
        guard !signatures.isEmpty else { return .failed([SignatureFailure(label: nil, reason: .noSignatures)]) }
        let candidates = signatures.filter { policy.requiredTag == nil || $0.parameters.tag == policy.requiredTag }
        if candidates.isEmpty, let tag = policy.requiredTag {
            return .failed([SignatureFailure(label: nil, reason: .noSignatureWithTag(tag))])
        }
        var failures: [SignatureFailure] = []
        for candidate in candidates {
            switch check(candidate, message: message, policy: policy, key: key) {
            case .success(let verified): return .verified(verified)
            case .failure(let reason): failures.append(SignatureFailure(label: candidate.label, reason: reason))
            }
        }
        return .failed(failures)
    }

    private static func check(
        _ candidate: ReceivedSignature, message: HTTPMessage, policy: VerificationPolicy,
        key resolve: (ReceivedSignature) -> VerificationKey?
    ) -> Result<VerifiedSignature, SignatureFailureReason> {
        for required in policy.requiredComponents where !candidate.components.contains(required) {
            return .failure(.missingRequiredComponent(required.serialized))
        }
        let parameters = candidate.parameters
        if let created = parameters.created {
            if created > policy.now + policy.allowedClockSkew {
                return .failure(.createdInFuture(created: created, now: policy.now))
            }
            if let maximumAge = policy.maximumAge, policy.now - created > maximumAge + policy.allowedClockSkew {
                return .failure(.tooOld(created: created, now: policy.now))
            }
        } else if policy.requireCreated {
            return .failure(.missingCreated)
        }
        if let expires = parameters.expires, expires + policy.allowedClockSkew < policy.now {
            return .failure(.expired(expires: expires, now: policy.now))
        }
        guard let verificationKey = resolve(candidate) else { return .failure(.unknownKey(parameters.keyID)) }
        // §3.2 step 6: an explicit `alg` must agree with the key's algorithm; never let the message pick it.
        if let declared = parameters.algorithm, declared != verificationKey.algorithm.rawValue {
            return .failure(.algorithmMismatch(declared: declared, key: verificationKey.algorithm))
        }
        let base: SignatureBase
        do {
            base = try SignatureBase(
                message: message, components: candidate.components, parameters: parameters, limits: policy.limits)
        } catch {
            return .failure(.base(error))
        }
        guard verificationKey.isValidSignature(candidate.signature, over: base.bytes) else {
            return .failure(.invalidSignature)
        }
        return .success(VerifiedSignature(signature: candidate, base: base))
    }
}
