import GNAP
import HTTPMessageSignatures

/// An active token as the per-request check needs it, prepared once per introspection: the key parsed into a
/// verification key, the rights indexed.
struct CheckedToken: Sendable {
    let token: IntrospectedToken
    let binding: Binding
    let granted: GrantedAccess

    enum Binding: Sendable {
        case bearer
        case key(BoundKeyProof)
        /// Bound, but to a key this RS cannot use; every presentation is refused with this reason.
        case unusable(String)
    }

    init(_ token: IntrospectedToken, meanings: [String: [AccessRightObject]]) {
        self.token = token
        granted = GrantedAccess(token.access, meanings: meanings)
        switch token.key {
        case nil:
            binding = .bearer
        case .reference:
            // RFC 9635 §7.1.1: a key reference is meaningful only to parties that share it; this RS has no
            // registry of client keys.
            binding = .unusable("the token's key is given by reference, which this resource server cannot resolve")
        case .value(let value):
            do {
                let checked = try ClientKeyBinding(value)
                binding = .key(
                    BoundKeyProof(
                        key: try checked.verificationKey(), keyID: checked.jwk.kid, thumbprint: checked.thumbprint,
                        contentDigest: [checked.contentDigestAlgorithm]))
            } catch {
                binding = .unusable("the token's key cannot be used to check a signature")
            }
        }
    }
}

/// What checking a proof by a token's bound key needs (RFC 9635 §7.3.1).
struct BoundKeyProof: Sendable {
    let key: VerificationKey
    /// The JWK's `kid`, which the signature's `keyid` must name.
    let keyID: String?
    /// The key's RFC 7638 thumbprint: what nonces are remembered under and what the handler is told.
    let thumbprint: String
    /// The one `Content-Digest` algorithm the proof method allows (§7.3.1), as the verifier takes it.
    let contentDigest: Set<DigestAlgorithm>
}
