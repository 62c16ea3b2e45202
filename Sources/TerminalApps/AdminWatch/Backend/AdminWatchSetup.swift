import GNAP
import GNAPClient
import TerminalSession

/// Connects `gnapterm admin` (the watch view) to a running AS with the approver key this terminal enrolled there,
/// and checks first that the account is an admin, so a `user` account gets a sentence instead of a screen.
public enum AdminWatchSetup {
    /// `passphrase(attempt)` opens a sealed device key (see ``AdminSession/connect(server:store:transport:clock:passphrase:)``).
    public static func connect<C: Clock & Sendable>(
        server input: String, store: any ApproverStore, transport: any HTTPTransport, clock: C,
        passphrase: (Int) async -> String? = { _ in nil }
    ) async throws(SessionError) -> RemoteAdminWatchBackend where C.Instant == WallInstant {
        let admin = try await AdminSession.connect(
            server: input, store: store, transport: transport, clock: clock, passphrase: passphrase)
        let username: String
        do {
            username = try await store.approverIdentity(server: admin.server)?.username ?? "?"
        } catch {
            throw .store(error)
        }
        do {
            _ = try await admin.counts()
        } catch {
            if error.gnapError?.code == .adminRequired {
                throw SessionError(
                    "the account '\(username)' is not an admin at \(admin.server); the admin view needs an admin "
                        + "account (ask an admin: gnapterm admin users add NAME --role admin)")
            }
            throw SessionError(error.description)
        }
        return RemoteAdminWatchBackend(
            admin: admin, stream: AdminEventStream(admin: admin), identity: "\(username) @ \(admin.server)")
    }
}
