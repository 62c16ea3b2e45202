import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// The checks of each proof method at the RS, with the RS's own age, skew and replay settings.
extension ResourceServerGate {
    /// §7.3.1: profile `gnap` (covering `authorization`, and `Content-Digest` with content); the nonce is recorded.
    func checkSignature(
        _ request: HTTPRequest, content: [UInt8], key: VerificationKey, keyID: String?, digests: Set<DigestAlgorithm>,
        thumbprint: String, now: WallInstant, _ challenge: GNAPChallenge
    ) -> Result<ProvenRequest, ResourceServerRefusal> {
        let verified: VerifiedSignature
        switch profile.verify(request, content: content, key: key, keyID: keyID, digestAlgorithms: digests, now: now) {
        case .failure(let rejection):
            return .failure(
                unauthorized(
                    .invalidSignature,
                    "the request's signature does not verify with the access token's key: \(rejection)", challenge))
        case .success(let signature):
            verified = signature
        }
        guard let nonce = verified.parameters.nonce, !nonce.isEmpty else {
            return .success(ProvenRequest(thumbprint: thumbprint))
        }
        // A signature stays acceptable until created + maximum age + skew on either side.
        let created = verified.parameters.created ?? now.unixSeconds
        let expiresAt = created + configuration.maximumSignatureAge + 2 * configuration.allowedClockSkew + 1
        if let refusal = recordReplay(
            nonce, key: thumbprint, expiresAt: expiresAt, now: now, what: "its nonce was used", challenge)
        {
            return .failure(refusal)
        }
        return .success(ProvenRequest(thumbprint: thumbprint))
    }

    /// §7.3.3, §7.3.4: the JWS's claims against the request (`ath` for the presented token), the content bound, the
    /// signature by the token's key; its replay value is recorded.
    func checkJWS(
        _ method: JWSProof.Method, _ request: HTTPRequest, content: [UInt8], token: String, key: JWSProofKey,
        thumbprint: String, now: WallInstant, _ challenge: GNAPChallenge
    ) -> Result<ProvenRequest, ResourceServerRefusal> {
        let target = "\(request.scheme ?? "https")://\(request.authority ?? "")\(request.path ?? "/")"
        let proofRequest = JWSProofRequest(
            method: request.method.rawValue, targetURI: target, accessToken: token, content: content,
            detachedJWS: request.headerFields[JWSProof.detachedJWSField])
        let policy = JWSProofPolicy(
            maximumAge: configuration.maximumSignatureAge, allowedClockSkew: configuration.allowedClockSkew)
        switch JWSProof.verify(method, request: proofRequest, key: key, policy: policy, now: now) {
        case .failure(let failure):
            return .failure(
                unauthorized(
                    .invalidSignature, "the request's \(method.rawValue) proof is refused: \(failure)", challenge))
        case .success(let verified):
            if let refusal = recordReplay(
                "jws:" + verified.replay.value, key: thumbprint, expiresAt: verified.replay.expiresAt, now: now,
                what: "a replayed JWS", challenge)
            {
                return .failure(refusal)
            }
            let isAttached = method == .jws && !content.isEmpty
            return .success(ProvenRequest(thumbprint: thumbprint, content: isAttached ? verified.content : nil))
        }
    }

    /// §7.3.2 with a `jwk` or `cert` key: the presented certificate is the bound one, or carries the bound key.
    func checkCertificate(
        _ certificate: [UInt8]?, binding: ClientKeyBinding, _ challenge: GNAPChallenge
    ) -> Result<ProvenRequest, ResourceServerRefusal> {
        switch MTLSProof.verify(clientCertificate: certificate, binding: binding) {
        case .failure(let failure):
            return .failure(unauthorized(.invalidSignature, failure.description, challenge))
        case .success:
            return .success(ProvenRequest(thumbprint: binding.thumbprint))
        }
    }

    /// §7.3.2 with a `cert#S256` key: the presented certificate has that thumbprint; its key identifies the client.
    func checkCertificate(
        _ der: [UInt8]?, thumbprint: String, _ challenge: GNAPChallenge
    ) -> Result<ProvenRequest, ResourceServerRefusal> {
        guard let der, !der.isEmpty else {
            return .failure(
                unauthorized(.invalidSignature, MTLSProofFailure.noClientCertificate.description, challenge))
        }
        guard let certificate = try? ClientCertificate(der: der), certificate.matches(thumbprint: thumbprint) else {
            return .failure(
                unauthorized(.invalidSignature, MTLSProofFailure.certificateMismatch.description, challenge))
        }
        return .success(ProvenRequest(thumbprint: try? certificate.publicJWK?.thumbprint()))
    }
}
