import GNAP
import HTTPMessageSignatures

/// Rotation of a client instance's key (a gnapterm extension: RFC 9635 §5.3 leaves it out of scope). The request is
/// `POST /gnap/instances/{instance}/key` with `{"key": …}`, signed by the current key (`tag="gnap"`) and by the new key
/// (`tag="gnap-rotate"`, covering the first signature, §7.3.1.1). Unfinished grants and tokens bound to the old key
/// move to the new key.
struct ClientKeyRotationService: Sendable {
    let services: ASServices

    struct Response: Codable, Sendable {
        var instanceID: String
        var keyThumbprint: String

        private enum CodingKeys: String, CodingKey {
            case instanceID = "instance_id"
            case keyThumbprint = "key_thumbprint"
        }
    }

    func rotate(instanceID: String, _ signed: SignedRequest) async throws(APIError) -> Response {
        let instance: ClientInstanceRecord?
        do {
            instance = try await services.store.clientInstance(id: instanceID)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the instance"))
        }
        guard let instance else { throw APIError(GNAPError(.invalidClient, "unknown client instance")) }
        let request: TokenManagementService.RotationRequest
        do {
            request = try GNAPJSON.decodeRequest(TokenManagementService.RotationRequest.self, from: signed.body)
        } catch {
            throw APIError(GNAPError(.invalidRotation, error.errorDescription ?? "the rotation request is malformed"))
        }
        let newKey: ClientKeyBinding
        do {
            newKey = try ClientKeyBinding(request.key)
        } catch {
            throw APIError(GNAPError(.invalidRotation, error.errorDescription ?? "the new key is unusable"))
        }
        let oldKey = instance.key
        guard newKey.proof == oldKey.proof, newKey.algorithm == oldKey.algorithm,
            newKey.contentDigestAlgorithm == oldKey.contentDigestAlgorithm
        else {
            throw APIError(GNAPError(.invalidRotation, "the proof method and its parameters must stay the same"))
        }
        guard newKey.thumbprint != oldKey.thumbprint else {
            throw APIError(GNAPError(.invalidRotation, "the new key is the current key"))
        }
        guard let oldVerification = try? oldKey.verificationKey(), let newVerification = try? newKey.verificationKey()
        else { throw APIError(GNAPError(.invalidRotation, "a key is unusable")) }
        let now = services.clock.now
        switch SignatureProfile.gnap.verifyRotation(
            signed.head, content: signed.body, oldKey: oldVerification, oldKeyID: oldKey.jwk.kid,
            newKey: newVerification, newKeyID: newKey.jwk.kid, digestAlgorithms: [oldKey.contentDigestAlgorithm],
            now: now)
        {
        case .failure(let rejection):
            throw APIError(
                GNAPError(
                    .invalidRotation,
                    "rotation signatures refused: \(rejection) (@target-uri here: \(signed.targetURI))"))
        case .success(let pair):
            try await services.checkReplay(keyID: oldKey.thumbprint, pair.old, profile: .gnap, code: .invalidRotation)
            try await services.checkReplay(keyID: newKey.thumbprint, pair.new, profile: .gnap, code: .invalidRotation)
        }
        // Only after both keys are proven: is the new key someone else's already?
        let existing: ClientInstanceRecord?
        do {
            existing = try await services.store.clientInstance(thumbprint: newKey.thumbprint)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not check the new key"))
        }
        guard existing == nil else { throw APIError(GNAPError(.invalidRotation, "the new key is already in use")) }
        do {
            try await services.store.rotateClientInstanceKey(
                id: instanceID, to: newKey,
                audit: [
                    AuditEvent(
                        grantID: nil, at: now, kind: "client.key-rotated",
                        detail: "client instance \(instanceID): key \(oldKey.thumbprint) → \(newKey.thumbprint)")
                ])
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not rotate the key"))
        }
        return Response(instanceID: instanceID, keyThumbprint: newKey.thumbprint)
    }
}
