import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import Synchronization

// The approver's records: full-text history search in the local store, and from the AS (the interaction API's
// routes) the active grants with revocation, the account's devices, and rotation of this terminal's key.
extension RemoteApproverBackend {
    public func searchHistory(_ query: String, limit: Int) async throws(ApproverFailure) -> [DecisionRecord] {
        do {
            return try await store.searchDecisions(matching: query, limit: limit)
        } catch {
            throw ApproverFailure(code: nil, message: "cannot search the local history: \(error)")
        }
    }

    public func activeGrants() async throws(ApproverFailure) -> [ActiveGrant] {
        try await withCurrentKey { client throws(GNAPClientError) in try await client.activeGrants() }.grants.map {
            summary in
            ActiveGrant(
                id: summary.id, clientName: summary.clientName, clientVetted: summary.clientVetted,
                decidedAt: summary.decidedAt.flatMap(WallInstant.init(iso8601:)), state: summary.state)
        }
    }

    public func revokeGrant(_ grantID: String, reason: String) async throws(ApproverFailure) {
        _ = try await withCurrentKey { client throws(GNAPClientError) in
            try await client.revoke(grantID: grantID, reason: reason)
        }
    }

    /// This terminal's key first, then the account's other devices as the AS lists them.
    public func deviceKeys() async throws(ApproverFailure) -> [DeviceKeyInfo] {
        let devices = try await withCurrentKey { client throws(GNAPClientError) in try await client.devices() }
        // Read after the AS answered: a key rotated elsewhere has been picked up by then.
        let identity = identity
        var keys: [DeviceKeyInfo]
        do throws(SessionError) {
            keys = try await DeviceKeyVault(store: store).list().filter { $0.server == identity.server }
        } catch {
            throw ApproverFailure(code: nil, message: error.description)
        }
        for device in devices where device.id != identity.deviceID {
            keys.append(
                DeviceKeyInfo(
                    origin: .server, server: identity.server, deviceID: device.id, name: device.name,
                    thumbprint: device.thumbprint, enrolledAt: WallInstant(iso8601: device.enrolledAt),
                    revokedAt: device.revokedAt.flatMap(WallInstant.init(iso8601:))))
        }
        return keys
    }

    /// Enrolls a new key for this device at the AS (which revokes the old one), stores it (sealed again when the
    /// old one was sealed) and signs every later call with it.
    public func rotateDeviceKey() async throws(ApproverFailure) -> DeviceKeyInfo {
        // A key rotated in another terminal first becomes this app's current key (the AS has revoked the old one).
        if case .unusable(let failure) = await adoptRotatedKey() { throw failure }
        let (current, resealer) = session.state.withLock { ($0.identity, $0.resealer) }
        let client = client
        let signing = Mutex<InteractionClient?>(nil)
        let rotated = try await DeviceKeyRotation(store: store).rotate(
            current, resealer: resealer, at: clock.now
        ) { _, newKey throws(ApproverFailure) in
            do throws(GNAPClientError) {
                let (enrollment, rekeyed) = try await client.rotateDeviceKey(to: newKey)
                signing.withLock { $0 = rekeyed }
                return enrollment.deviceID
            } catch {
                throw Self.failure(error)
            }
        }
        session.state.withLock { state in
            state.identity = rotated.identity
            if let rekeyed = signing.withLock({ $0 }) { state.client = rekeyed }
        }
        return rotated.key
    }
}
