import GNAP
import HTTPMessageSignatures

extension ClientProof {
    /// §7.3.3 (`jwsd`, the JWS in `Detached-JWS`) and §7.3.4 (`jws`, the JWS as the body, or in `Detached-JWS` without
    /// content): header claims against the request, the content bound, the signature by the key; then the JWS's
    /// replay value is recorded, so the same JWS is accepted once.
    func verifyJWS(_ method: JWSProof.Method, _ signed: SignedRequest, key: ClientKeyBinding) async throws(APIError) {
        let proofKey: JWSProofKey
        do {
            proofKey = try JWSProofKey(key)
        } catch {
            throw APIError(GNAPError(.invalidClient, "the client key is unusable"))
        }
        switch JWSProof.verify(method, request: signed.jwsProofRequest, key: proofKey, now: clock.now) {
        case .failure(let failure):
            throw APIError(failure.gnapError(.invalidClient))
        case .success(let verified):
            try await replay.check(keyID: key.thumbprint, verified.replay, code: .invalidClient)
        }
    }
}

extension SignedRequest {
    /// What a JWS proof covers: method, target URI, the presented token (`ath`), the body and `Detached-JWS`.
    var jwsProofRequest: JWSProofRequest {
        JWSProofRequest(
            method: head.method.rawValue, targetURI: targetURI, accessToken: gnapToken, content: body,
            detachedJWS: head.headerFields[JWSProof.detachedJWSField])
    }
}
