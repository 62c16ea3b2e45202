import GNAP
import GNAPClient
import HTTPMessageSignatures

/// Connects `gnapterm admin --as URL` to a running AS: the admin API is signed with the approver device key this
/// terminal enrolled at that AS (`gnapterm approve --as URL --enroll CODE`), so no password or shared secret exists.
public enum AdminSession {
    /// A sealed device key is opened with `passphrase(attempt)` (three tries; nil gives up), as the approver does.
    public static func connect<C: Clock & Sendable>(
        server input: String, store: any ApproverStore, transport: any HTTPTransport, clock: C,
        passphrase: (Int) async -> String? = { _ in nil }
    ) async throws(SessionError) -> AdminClient where C.Instant == WallInstant {
        let server = try ServerAddress.normalize(input)
        let identity: ApproverIdentity?
        do {
            identity = try await store.approverIdentity(server: server)
        } catch {
            throw .store(error)
        }
        guard let stored = identity else { throw .notEnrolled(server) }
        let unlocked = try await DeviceKeyVault(store: store).unlock(stored, passphrase: passphrase)
        let key = try AdminKeyring.signingKey(unlocked)
        return AdminClient(transport: transport, key: key, server: server, clock: clock)
    }
}
