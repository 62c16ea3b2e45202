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
    public func connect(
        server input: String, enrollCode: String?, deviceName: String,
        passphrase: (Int) async -> String? = { _ in nil }
    ) async throws(SessionError) -> RemoteApproverBackend<C> {
        let server = try ServerAddress.normalize(input)
        let endpoint: String
        do {
            let discovery = try await GrantClient.discover(base: server, transport: transport)
            endpoint = discovery.interactionEndpoint ?? server + "/interact/v1"
        } catch {
            throw .client(error)
        }
        let identity: ApproverIdentity
        var resealer: KeySeal.Resealer?
        if let enrollCode {
            identity = try await enroll(server: server, endpoint: endpoint, code: enrollCode, deviceName: deviceName)
        } else {
            let stored: ApproverIdentity?
            do {
                stored = try await store.approverIdentity(server: server)
            } catch {
                throw .store(error)
            }
            guard let stored else { throw .notEnrolled(server) }
            (identity, resealer) = try await DeviceKeyVault(store: store).unlockKeepingKey(
                stored, passphrase: passphrase)
        }
        let key = try AdminKeyring.signingKey(identity)
        let client = InteractionClient(transport: transport, key: key, endpoint: endpoint, clock: clock)
        return RemoteApproverBackend(
            client: client, store: store, identity: identity, clock: clock, resealer: resealer)
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
