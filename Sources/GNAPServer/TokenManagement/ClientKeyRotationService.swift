import GNAP
import HTTPMessageSignatures

/// Rotation of a client instance's key (a gnapterm extension: RFC 9635 §5.3 leaves it out of scope). The request is
/// `POST /gnap/instances/{instance}/key` with `{"key": …}`, signed by the current key (`tag="gnap"`) and by the new key
/// (`tag="gnap-rotate"`, covering the first signature, §7.3.1.1). Unfinished grants and tokens bound to the old key
/// move to the new key.
struct ClientKeyRotationService: Sendable {
    let clients: any ClientInstanceStore
    let proof: ClientProof
    let clock: AnyWallClock

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
            instance = try await clients.clientInstance(id: instanceID)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the instance"))
        }
        guard let instance else { throw APIError(GNAPError(.invalidClient, "unknown client instance")) }
        let oldKey = instance.key
        let newKey = try await proof.verifyRotation(signed, currentKey: oldKey)
        let now = clock.now
        // Only after both keys are proven: is the new key someone else's already?
        let existing: ClientInstanceRecord?
        do {
            existing = try await clients.clientInstance(thumbprint: newKey.thumbprint)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not check the new key"))
        }
        guard existing == nil else { throw APIError(GNAPError(.invalidRotation, "the new key is already in use")) }
        do {
            try await clients.rotateClientInstanceKey(
                id: instanceID, to: newKey,
                audit: [
                    AuditEvent(
                        grantID: nil, at: now, kind: .clientKeyRotated,
                        detail: "client instance \(instanceID): key \(oldKey.thumbprint) → \(newKey.thumbprint)")
                ])
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not rotate the key"))
        }
        return Response(instanceID: instanceID, keyThumbprint: newKey.thumbprint)
    }
}
