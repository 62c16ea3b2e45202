import GNAP
import HTTPMessageSignatures
import HTTPTypes

extension ResourceServerGate {
    /// The key proof of the request (RFC 9635 §7.2: a bound token "MUST be sent using the key and proofing
    /// mechanism" bound to it; §7.3.1 httpsig covering `authorization`). Returns the proving key's thumbprint, nil
    /// for a bearer token.
    func checkProof(
        _ request: HTTPRequest, content: [UInt8], _ presentation: AccessTokenPresentation,
        _ binding: CheckedToken.Binding, now: WallInstant, _ challenge: GNAPChallenge
    ) -> Result<String?, ResourceServerRefusal> {
        switch (presentation, binding) {
        case (_, .unusable(let reason)):
            return .failure(unauthorized(.invalidToken, reason, challenge))
        case (.bearer, .bearer):
            return .success(nil)
        case (.bearer, .key):
            return .failure(
                unauthorized(
                    .invalidToken,
                    "the access token is bound to a key; present it with the GNAP scheme and a signature by that key",
                    challenge))
        case (.gnap, .bearer):
            return .failure(
                unauthorized(
                    .invalidToken,
                    "the access token is a bearer token; present it as Authorization: Bearer "
                        + "(RFC 9635 §7.2)", challenge))
        case (.gnap, .key(let proof)):
            return checkSignature(request, content: content, proof, now: now, challenge).map { Optional($0) }
        }
    }

    private func checkSignature(
        _ request: HTTPRequest, content: [UInt8], _ proof: BoundKeyProof, now: WallInstant,
        _ challenge: GNAPChallenge
    ) -> Result<String, ResourceServerRefusal> {
        let verified: VerifiedSignature
        switch profile.verify(
            request, content: content, key: proof.key, keyID: proof.keyID, digestAlgorithms: proof.contentDigest,
            now: now)
        {
        case .failure(let rejection):
            return .failure(
                unauthorized(
                    .invalidSignature,
                    "the request's signature does not verify with the access token's key: \(rejection)", challenge))
        case .success(let signature):
            verified = signature
        }
        guard let nonce = verified.parameters.nonce, !nonce.isEmpty else { return .success(proof.thumbprint) }
        // A signature stays acceptable until created + maximum age + skew on either side.
        let created = verified.parameters.created ?? now.unixSeconds
        let expiresAt = created + configuration.maximumSignatureAge + 2 * configuration.allowedClockSkew + 1
        switch nonces.record(keyID: proof.thumbprint, nonce: nonce, expiresAt: expiresAt, now: now.unixSeconds) {
        case .fresh:
            return .success(proof.thumbprint)
        case .replayed:
            return .failure(
                unauthorized(
                    .replayedRequest, "this signed request was already received (its nonce was used)", challenge))
        case .full:
            return .failure(
                ResourceServerRefusal(
                    .serviceUnavailable,
                    GNAPError(
                        .temporarilyUnavailable, "too many signed requests from this key in flight; retry shortly"),
                    challenge: nil))
        }
    }
}
