import GNAP
import HTTPMessageSignatures

/// Checks a client instance's key proof on the RFC 9635 API (§7.3.1), and the two proofs of a key rotation
/// (§6.1.1, §7.3.1.1). Every client-facing endpoint goes through here, so they fail the same way.
struct ClientProof: Sendable {
    let clock: AnyWallClock
    let replay: ReplayGuard

    /// Verifies `signed` against `key` (profile `gnap`, its content-digest algorithm, replay of a nonce refused).
    func verify(_ signed: SignedRequest, key: ClientKeyBinding) async throws(APIError) {
        guard let verificationKey = try? key.verificationKey() else {
            throw APIError(GNAPError(.invalidClient, "the client key is unusable"))
        }
        let result = SignatureProfile.gnap.verify(
            signed.head, content: signed.body, key: verificationKey, keyID: key.jwk.kid,
            digestAlgorithms: [key.contentDigestAlgorithm], now: clock.now)
        switch result {
        case .failure(let rejection):
            throw APIError(
                GNAPError(
                    .invalidClient, "signature check failed: \(rejection) (@target-uri here: \(signed.targetURI))"))
        case .success(let verified):
            try await replay.check(key: key.thumbprint, verified, profile: .gnap, code: .invalidClient)
            AuditContext.current?.identify("client:\(key.thumbprint)")
        }
    }

    /// The `key` member of a rotation request (§6.1.1).
    struct RotationRequest: Decodable {
        var key: ClientKeyValue
    }

    /// Reads the new key of a rotation request and checks both proofs: the current key under `gnap`, the new key
    /// under `gnap-rotate` covering the first signature. Every failure is `invalid_rotation` (§6.1.1).
    func verifyRotation(_ signed: SignedRequest, currentKey: ClientKeyBinding) async throws(APIError)
        -> ClientKeyBinding
    {
        let request: RotationRequest
        do {
            request = try GNAPJSON.decodeRequest(RotationRequest.self, from: signed.body)
        } catch {
            throw APIError(GNAPError(.invalidRotation, error.errorDescription ?? "the rotation request is malformed"))
        }
        let newKey: ClientKeyBinding
        do {
            newKey = try ClientKeyBinding(request.key)
        } catch {
            throw APIError(GNAPError(.invalidRotation, error.errorDescription ?? "the new key is unusable"))
        }
        // §6.1.1: "The proof method and parameters for the new key MUST be the same".
        guard newKey.proof == currentKey.proof, newKey.algorithm == currentKey.algorithm,
            newKey.contentDigestAlgorithm == currentKey.contentDigestAlgorithm
        else {
            throw APIError(GNAPError(.invalidRotation, "the proof method and its parameters must stay the same"))
        }
        guard newKey.thumbprint != currentKey.thumbprint else {
            throw APIError(GNAPError(.invalidRotation, "the new key is the current key"))
        }
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
            try await replay.check(key: currentKey.thumbprint, pair.old, profile: .gnap, code: .invalidRotation)
            try await replay.check(key: newKey.thumbprint, pair.new, profile: .gnap, code: .invalidRotation)
            return newKey
        }
    }
}
