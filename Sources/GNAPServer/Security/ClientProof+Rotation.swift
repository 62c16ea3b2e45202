import GNAP
import HTTPMessageSignatures

/// Key rotation (§6.1.1): the request names the new key and is proven by the current key and the new key, each
/// method in its own way: httpsig with a second signature tagged `gnap-rotate` (§7.3.1.1), jwsd and jws with the
/// current key's JWS nested in the new key's (§7.3.3.1, §7.3.4.1). mtls cannot present two certificates on one
/// connection, and the RFC defines no rotation for it (§7.3.2.1). Every failure is `invalid_rotation`.
extension ClientProof {
    /// The `key` member of a rotation request (§6.1.1).
    struct RotationRequest: Decodable {
        var key: ClientKeyValue
    }

    /// Reads the new key of a rotation request and checks both proofs. Returns the new key.
    func verifyRotation(_ signed: SignedRequest, currentKey: ClientKeyBinding) async throws(APIError)
        -> ClientKeyBinding
    {
        let method = currentKey.proof.method
        guard method != "mtls" else {
            throw APIError(
                GNAPError(
                    .keyRotationNotSupported,
                    "a key proven with mtls cannot be rotated by the client (RFC 9635 §7.3.2.1: one connection "
                        + "presents one certificate); the operator registers the new certificate"))
        }
        do {
            try Self.checkContentForm(signed, method: method)
        } catch {
            throw APIError(
                error.status, GNAPError(.invalidRotation, error.error.errorDescription), headers: error.headers)
        }
        let newKey = try newKey(in: signed, method: method)
        // §6.1.1: "The proof method and parameters for the new key MUST be the same".
        guard newKey.proof == currentKey.proof, newKey.algorithm == currentKey.algorithm,
            newKey.contentDigestAlgorithm == currentKey.contentDigestAlgorithm
        else {
            throw APIError(GNAPError(.invalidRotation, "the proof method and its parameters must stay the same"))
        }
        guard newKey.thumbprint != currentKey.thumbprint else {
            throw APIError(GNAPError(.invalidRotation, "the new key is the current key"))
        }
        switch method {
        case "jwsd": try await verifyJWSRotation(.jwsd, signed, currentKey: currentKey, newKey: newKey)
        case "jws": try await verifyJWSRotation(.jws, signed, currentKey: currentKey, newKey: newKey)
        default: try await verifySignatureRotation(signed, currentKey: currentKey, newKey: newKey)
        }
        return newKey
    }

    /// The new key, from the content the request stands for (for `jws`, the payload of the nested JWS).
    private func newKey(in signed: SignedRequest, method: String) throws(APIError) -> ClientKeyBinding {
        var content = signed.content
        if method == "jws" {
            do {
                content = try JWSProof.unverifiedContent(.jws, request: signed.jwsProofRequest, rotation: true)
            } catch {
                throw APIError(GNAPError(.invalidRotation, error.description))
            }
        }
        let request: RotationRequest
        do {
            request = try GNAPJSON.decodeRequest(RotationRequest.self, from: content)
        } catch {
            throw APIError(GNAPError(.invalidRotation, error.errorDescription ?? "the rotation request is malformed"))
        }
        do {
            return try ClientKeyBinding(request.key)
        } catch {
            throw APIError(GNAPError(.invalidRotation, error.errorDescription ?? "the new key is unusable"))
        }
    }

    /// §7.3.1.1: the current key under `gnap`, the new key under `gnap-rotate` covering the first signature.
    private func verifySignatureRotation(
        _ signed: SignedRequest, currentKey: ClientKeyBinding, newKey: ClientKeyBinding
    ) async throws(APIError) {
        guard let oldVerification = try? currentKey.verificationKey(),
            let newVerification = try? newKey.verificationKey()
        else { throw APIError(GNAPError(.invalidRotation, "a key is unusable")) }
        switch SignatureProfile.gnap.verifyRotation(
            signed.head, content: signed.body, oldKey: oldVerification, oldKeyID: currentKey.jwk.kid,
            newKey: newVerification, newKeyID: newKey.jwk.kid, digestAlgorithms: [currentKey.contentDigestAlgorithm],
            now: clock.now)
        {
        case .failure(let rejection):
            throw APIError(
                GNAPError(
                    .invalidRotation,
                    "rotation signatures refused: \(rejection) (@target-uri here: \(signed.targetURI))"))
        case .success(let pair):
            try await replay.check(keyID: currentKey.thumbprint, pair.old, profile: .gnap, code: .invalidRotation)
            try await replay.check(keyID: newKey.thumbprint, pair.new, profile: .gnap, code: .invalidRotation)
        }
    }

    /// §7.3.3.1, §7.3.4.1: the current key's JWS (`gnap-binding-rotation-*`) is the payload of the new key's JWS;
    /// both must verify, and both replay values are recorded.
    private func verifyJWSRotation(
        _ method: JWSProof.Method, _ signed: SignedRequest, currentKey: ClientKeyBinding, newKey: ClientKeyBinding
    ) async throws(APIError) {
        let current: JWSProofKey
        let new: JWSProofKey
        do {
            current = try JWSProofKey(currentKey)
            new = try JWSProofKey(newKey)
        } catch {
            throw APIError(GNAPError(.invalidRotation, "a key is unusable"))
        }
        switch JWSProof.verifyRotation(
            method, request: signed.jwsProofRequest, currentKey: current, newKey: new, now: clock.now)
        {
        case .failure(let failure):
            throw APIError(failure.gnapError(.invalidRotation))
        case .success(let pair):
            try await replay.check(keyID: currentKey.thumbprint, pair.old.replay, code: .invalidRotation)
            try await replay.check(keyID: newKey.thumbprint, pair.new.replay, code: .invalidRotation)
        }
    }
}
