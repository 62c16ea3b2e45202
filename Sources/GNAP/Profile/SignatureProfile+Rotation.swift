import HTTPMessageSignatures
import HTTPTypes
import RawStructuredFieldValues

/// Key rotation with HTTP message signatures (RFC 9635 §7.3.1.1): the message carrying the new key is signed by the
/// old key under the normal profile, then by the new key with `tag="gnap-rotate"`, the new signature also covering
/// the old signature's `Signature` and `Signature-Input` members.
extension SignatureProfile {
    public static let rotationTag = "gnap-rotate"

    /// The components the new key's signature adds: `"signature";key=L` and `"signature-input";key=L`.
    public static func rotationComponents(oldLabel: String) -> [ComponentIdentifier] {
        var parameters = OrderedMap<String, RFC9651BareItem>()
        parameters["key"] = .string(oldLabel)
        return [
            ComponentIdentifier("signature", parameters: parameters),
            ComponentIdentifier("signature-input", parameters: parameters),
        ]
    }

    /// Signs `request` (whose `content` names the new key) first with `oldKey` (label `old-key`), then with `newKey`
    /// (label `new-key`, tag `gnap-rotate`).
    public func signRotation(
        _ request: inout HTTPRequest, content: [UInt8], oldKey: SigningKey, newKey: SigningKey,
        digest: DigestAlgorithm = .sha256, now: WallInstant
    ) throws {
        // §6.1.1: the old key's signature must cover the new key, which travels in the content.
        guard !content.isEmpty else { throw RotationSigningError.noContent }
        request.headerFields[.contentDigest] = ContentDigest.fieldValue(for: content, algorithms: [digest])
        try signPrepared(
            &request, hasContent: true, key: oldKey, label: "old-key", tag: tag, extra: [], now: now,
            nonce: Secrets.identifier())
        try signPrepared(
            &request, hasContent: true, key: newKey, label: "new-key", tag: Self.rotationTag,
            extra: Self.rotationComponents(oldLabel: "old-key"), now: now, nonce: Secrets.identifier())
    }

    /// Verifies a rotation request (§7.3.1.1: "The verifier MUST validate both signatures"): a signature by the
    /// current key under this profile, and a `gnap-rotate` signature by the new key that also covers the first
    /// one's `Signature` and `Signature-Input` members.
    public func verifyRotation(
        _ request: HTTPRequest, content: [UInt8], oldKey: VerificationKey, oldKeyID: String?,
        newKey: VerificationKey, newKeyID: String?,
        digestAlgorithms: Set<DigestAlgorithm> = Set(DigestAlgorithm.allCases), now: WallInstant
    ) -> Result<(old: VerifiedSignature, new: VerifiedSignature), SignatureRejection> {
        guard !content.isEmpty else {
            return .failure(.contentDigest("a rotation request must carry the new key in its content"))
        }
        let old: VerifiedSignature
        switch verify(
            request, content: content, key: oldKey, keyID: oldKeyID, digestAlgorithms: digestAlgorithms, now: now)
        {
        case .failure(let rejection): return .failure(rejection)
        case .success(let verified): old = verified
        }
        let new = verifySignature(
            request, hasContent: true, key: newKey, keyID: newKeyID, tag: Self.rotationTag,
            extraComponents: Self.rotationComponents(oldLabel: old.label), now: now)
        return new.map { (old: old, new: $0) }
    }
}

public enum RotationSigningError: Error, Sendable, Hashable, CustomStringConvertible {
    case noContent

    public var description: String { "a rotation request must carry the new key in its content" }
}
