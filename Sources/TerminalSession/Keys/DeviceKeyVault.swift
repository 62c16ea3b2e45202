import GNAP
import HTTPMessageSignatures

/// This terminal's device keys at rest: lists them with their thumbprints, seals a key under a passphrase, opens
/// a sealed one (on start), and takes the seal off again. Every change is one store transaction, so a failure
/// (a wrong passphrase included) leaves the stored key as it was.
public struct DeviceKeyVault: Sendable {
    public let store: any ApproverStore
    public let seal: KeySeal

    public init(store: any ApproverStore, seal: KeySeal = KeySeal()) {
        self.store = store
        self.seal = seal
    }

    /// Every identity of this terminal, with the thumbprint of its public key and whether it is sealed.
    public func list() async throws(SessionError) -> [DeviceKeyInfo] {
        do {
            var keys: [DeviceKeyInfo] = []
            for identity in try await store.approverIdentities() {
                let sealed = try await store.sealedApproverKey(server: identity.server) != nil
                keys.append(try Self.info(identity, isSealed: sealed))
            }
            return keys
        } catch let error as SessionError {
            throw error
        } catch {
            throw .store(error)
        }
    }

    /// True when the key of the identity at `server` is sealed.
    public func isSealed(server: String) async throws(SessionError) -> Bool {
        do {
            return try await store.sealedApproverKey(server: server) != nil
        } catch {
            throw .store(error)
        }
    }

    /// The usable identity at `server`: a clear one as stored, a sealed one opened with `passphrase`.
    /// `passphrase(attempt)` is asked again after a wrong one, up to `attempts` times; nil gives up.
    public func unlock(
        _ identity: ApproverIdentity, attempts: Int = 3, passphrase: (Int) async -> String?
    ) async throws(SessionError) -> ApproverIdentity {
        try await unlockKeepingKey(identity, attempts: attempts, passphrase: passphrase).identity
    }

    /// Like `unlock`, and the resealer of a sealed key (for sealing a rotated key under the same passphrase).
    public func unlockKeepingKey(
        _ identity: ApproverIdentity, attempts: Int = 3, passphrase: (Int) async -> String?
    ) async throws(SessionError) -> (identity: ApproverIdentity, resealer: KeySeal.Resealer?) {
        let sealed: SealedApproverKey?
        do {
            sealed = try await store.sealedApproverKey(server: identity.server)
        } catch {
            throw .store(error)
        }
        guard let sealed else { return (identity, nil) }
        for attempt in 1...max(1, attempts) {
            guard let text = await passphrase(attempt) else { throw .sealed(identity.server) }
            do throws(KeySealError) {
                var opened = identity
                let (key, resealer) = try KeySeal.openKeepingKey(
                    sealed.envelope, server: identity.server, deviceID: identity.deviceID, passphrase: text)
                opened.privateKey = key
                return (opened, resealer)
            } catch .wrongPassphrase where attempt < attempts {
                continue
            } catch {
                throw SessionError(error.description)
            }
        }
        throw SessionError(KeySealError.wrongPassphrase.description)
    }

    /// Seals the clear key of the identity at `server` under `passphrase`.
    public func sealKey(server: String, passphrase: String, at now: WallInstant) async throws(SessionError) {
        let identity = try await stored(server)
        guard try await !isSealed(server: server) else {
            throw SessionError("the device key at \(server) is already sealed")
        }
        try await saveSealed(identity, passphrase: passphrase, at: now)
    }

    /// Opens the sealed key at `server` with `passphrase` and stores it in the clear again.
    public func unsealKey(server: String, passphrase: String) async throws(SessionError) {
        let identity = try await stored(server)
        guard try await isSealed(server: server) else {
            throw SessionError("the device key at \(server) is not sealed")
        }
        let opened = try await unlock(identity, attempts: 1) { _ in passphrase }
        do {
            try await store.saveApproverIdentity(opened)
        } catch {
            throw .store(error)
        }
    }

    /// Stores `identity` (holding its private key) sealed under `passphrase`: the clear column keeps the public key.
    func saveSealed(_ identity: ApproverIdentity, passphrase: String, at now: WallInstant) async throws(SessionError) {
        let envelope: String
        do throws(KeySealError) {
            envelope = try seal.seal(
                identity.privateKey, server: identity.server, deviceID: identity.deviceID, passphrase: passphrase)
        } catch {
            throw SessionError(error.description)
        }
        var publicOnly = identity
        publicOnly.privateKey = identity.privateKey.publicKey
        do {
            try await store.saveSealedApproverIdentity(
                publicOnly, sealed: SealedApproverKey(server: identity.server, envelope: envelope, sealedAt: now))
        } catch {
            throw .store(error)
        }
    }

    /// The identity stored under exactly `server` (these operations work offline, so the AS cannot be asked for its
    /// public URL); when there is none, the error names the addresses keys are stored under.
    private func stored(_ server: String) async throws(SessionError) -> ApproverIdentity {
        let identities: [ApproverIdentity]
        do {
            identities = try await store.approverIdentities()
        } catch {
            throw .store(error)
        }
        guard let identity = identities.first(where: { $0.server == server }) else {
            guard !identities.isEmpty else { throw .notEnrolled(server) }
            throw SessionError(
                "this terminal has no device key stored for \(server); its keys are stored for "
                    + identities.map(\.server).joined(separator: ", ") + " (give that address to --as)")
        }
        return identity
    }

    /// The listing of `identity`'s key.
    static func info(_ identity: ApproverIdentity, isSealed: Bool) throws(SessionError) -> DeviceKeyInfo {
        let thumbprint: String
        do {
            thumbprint = try identity.privateKey.publicKey.thumbprint()
        } catch {
            throw SessionError("the stored device key at \(identity.server) is unusable (\(error))")
        }
        return DeviceKeyInfo(
            origin: .thisTerminal, server: identity.server, deviceID: identity.deviceID, thumbprint: thumbprint,
            enrolledAt: identity.enrolledAt, isSealed: isSealed)
    }
}
