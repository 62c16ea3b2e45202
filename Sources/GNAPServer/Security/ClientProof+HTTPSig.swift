import GNAP
import HTTPMessageSignatures

extension ClientProof {
    /// §7.3.1: profile `gnap` with the key's content-digest algorithm; a reused nonce is refused.
    func verifySignature(_ signed: SignedRequest, key: ClientKeyBinding) async throws(APIError) {
        guard let verificationKey = try? key.verificationKey() else {
            throw APIError(GNAPError(.invalidClient, "the client key is unusable"))
        }
        let result = SignatureProfile.gnap.verify(
            signed.head, content: signed.body, key: verificationKey, keyID: key.format == .jwk ? key.jwk.kid : nil,
            digestAlgorithms: [key.contentDigestAlgorithm], now: clock.now)
        switch result {
        case .failure(let rejection):
            throw APIError(
                GNAPError(
                    .invalidClient, "signature check failed: \(rejection) (@target-uri here: \(signed.targetURI))"))
        case .success(let verified):
            try await replay.check(keyID: key.thumbprint, verified, profile: .gnap, code: .invalidClient)
        }
    }
}
