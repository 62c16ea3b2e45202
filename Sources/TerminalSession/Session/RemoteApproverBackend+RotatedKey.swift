import GNAP
import GNAPClient
import HTTPMessageSignatures

// A key rotated in another terminal (`gnapterm keys rotate`, or the keys screen of another approver on the same
// home): the AS revoked the key this app signs with, and the local store holds the new one. The running app picks
// it up instead of failing until restarted.
extension RemoteApproverBackend {
    /// What the store says after the AS refused this device.
    enum RotatedKey {
        /// The store holds a newer key of the same account at this AS; later calls sign with this client.
        case adopted(InteractionClient)
        /// The store holds this very key: it was revoked, not rotated.
        case notRotated
        /// The store holds a newer key this app cannot open (sealed under another passphrase).
        case unusable(ApproverFailure)
    }

    /// The failure when the rotated key cannot be opened without the passphrase.
    static var rotatedKeyNeedsPassphrase: ApproverFailure {
        ApproverFailure(
            code: "key_rotated_elsewhere",
            message:
                "This terminal's key was rotated in another terminal and is sealed under another passphrase; "
                + "quit and start gnapterm approve again to open it.")
    }

    /// Runs `call` with the current client. When the AS answers that this device is unknown or revoked and the store
    /// holds a newer key of the same account at this AS, switches to that key and runs `call` once more (the refused
    /// call changed nothing at the AS).
    func withCurrentKey<Value>(
        _ call: (InteractionClient) async throws(GNAPClientError) -> Value
    ) async throws(ApproverFailure) -> Value {
        let refusal: GNAPClientError
        do {
            return try await call(client)
        } catch {
            guard error.gnapError?.code == .unknownDevice else { throw Self.failure(error) }
            refusal = error
        }
        switch await adoptRotatedKey() {
        case .adopted(let rekeyed):
            do {
                return try await call(rekeyed)
            } catch {
                throw Self.failure(error)
            }
        case .notRotated:
            throw Self.failure(refusal)
        case .unusable(let failure):
            throw failure
        }
    }

    /// Reads this AS's identity from the store again and signs with it when it is a newer key of the same account.
    func adoptRotatedKey() async -> RotatedKey {
        let (current, resealer, client) = session.state.withLock { ($0.identity, $0.resealer, $0.client) }
        guard let stored = try? await store.approverIdentity(server: current.server),
            stored.deviceID != current.deviceID, stored.username == current.username
        else { return .notRotated }
        var opened = stored
        do {
            if let sealed = try await store.sealedApproverKey(server: stored.server) {
                guard let resealer else { return .unusable(Self.rotatedKeyNeedsPassphrase) }
                do throws(KeySealError) {
                    opened.privateKey = try resealer.open(
                        sealed.envelope, server: stored.server, deviceID: stored.deviceID)
                } catch {
                    return .unusable(Self.rotatedKeyNeedsPassphrase)
                }
            }
            var key = try SigningKey(jwk: opened.privateKey)
            key.keyID = opened.deviceID
            let rekeyed = client.signing(with: key)
            session.state.withLock { state in
                state.identity = opened
                state.client = rekeyed
            }
            return .adopted(rekeyed)
        } catch {
            return .unusable(ApproverFailure(code: nil, message: "the rotated device key is unusable: \(error)"))
        }
    }
}
