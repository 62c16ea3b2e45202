import GNAP
import GNAPClient
import HTTPMessageSignatures

/// Connects this terminal to an AS as an approver: enrolls a new device key with a one-time code, or loads the key
/// enrolled earlier from the local store.
public struct ApproverSetup<C: Clock & Sendable>: Sendable where C.Instant == WallInstant {
    public let transport: any HTTPTransport
    public let store: any ApproverStore
    public let clock: C

    public init(transport: any HTTPTransport, store: any ApproverStore, clock: C) {
        self.transport = transport
        self.store = store
        self.clock = clock
    }

    /// Returns a backend for the approver app; enrolls first when `enrollCode` is given. A sealed device key is
    /// opened with `passphrase(attempt)` (asked again after a wrong one, three times; nil gives up).
    ///
    /// The AS is known by its own public URL (`ServerAddress.publicBase`), whichever address reached it: an
    /// enrollment is stored under that URL, and found again under it (or under another address of the same AS).
    public func connect(
        server input: String, enrollCode: String?, deviceName: String,
        passphrase: (Int) async -> String? = { _ in nil }
    ) async throws(SessionError) -> RemoteApproverBackend<C> {
        let reached = try ServerAddress.normalize(input)
        let server: String
        let endpoint: String
        do {
            let discovery = try await GrantClient.discover(base: reached, transport: transport)
            server = ServerAddress.publicBase(of: discovery) ?? reached
            endpoint = discovery.interactionEndpoint ?? server + "/interact/v1"
        } catch {
            throw .client(error)
        }
        let identity: ApproverIdentity
        var resealer: KeySeal.Resealer?
        if let enrollCode {
            identity = try await enroll(server: server, endpoint: endpoint, code: enrollCode, deviceName: deviceName)
        } else {
            let stored = try await enrolledIdentity(server: server, reachedAs: reached)
            (identity, resealer) = try await DeviceKeyVault(store: store).unlockKeepingKey(
                stored, passphrase: passphrase)
        }
        let key = try AdminKeyring.signingKey(identity)
        let client = InteractionClient(transport: transport, key: key, endpoint: endpoint, clock: clock)
        return RemoteApproverBackend(
            client: client, store: store, identity: identity, clock: clock, resealer: resealer)
    }

    /// This terminal's enrollment at the AS whose public URL is `server`, reached as `reached` (see
    /// `EnrollmentLookup`; other stored addresses are asked for their public URL by discovery).
    func enrolledIdentity(server: String, reachedAs reached: String) async throws(SessionError) -> ApproverIdentity {
        let transport = transport
        return try await EnrollmentLookup(store: store) { base in
            guard let discovery = try? await GrantClient.discover(base: base, transport: transport) else { return nil }
            return ServerAddress.publicBase(of: discovery)
        }.identity(server: server, reachedAs: reached)
    }

    private func enroll(server: String, endpoint: String, code: String, deviceName: String) async throws(SessionError)
        -> ApproverIdentity
    {
        var key = SigningKey.generateEd25519()
        do {
            key.keyID = try key.publicJWK().thumbprint()
        } catch {
            throw SessionError("cannot prepare a device key: its thumbprint cannot be computed")
        }
        let enrolling = InteractionClient(transport: transport, key: key, endpoint: endpoint, clock: clock)
        let response: EnrollmentResponse
        do {
            response = try await enrolling.enroll(code: code, deviceName: deviceName)
        } catch {
            throw .client(error)
        }
        do {
            let identity = ApproverIdentity(
                server: server, deviceID: response.deviceID, privateKey: try key.privateJWK(),
                username: response.account.username, displayName: response.account.displayName, enrolledAt: clock.now)
            try await store.saveApproverIdentity(identity)
            return identity
        } catch {
            throw .store(error)
        }
    }
}
