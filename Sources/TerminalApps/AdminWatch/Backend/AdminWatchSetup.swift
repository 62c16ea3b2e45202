import GNAP
import GNAPClient
import TerminalSession

/// Connects `gnapterm admin` (the watch view) to a running AS with the approver key this terminal enrolled there,
/// and checks first that the account is an admin, so a `user` account gets a sentence instead of a screen.
public enum AdminWatchSetup {
    /// `passphrase(attempt)` opens a sealed device key (see ``AdminKeyring``).
    public static func connect<C: Clock & Sendable>(
        server input: String, store: any ApproverStore, transport: any HTTPTransport, clock: C,
        passphrase: (Int) async -> String? = { _ in nil }
    ) async throws(SessionError) -> RemoteAdminWatchBackend where C.Instant == WallInstant {
        let keyring = try await AdminKeyring(
            server: input, store: store, transport: transport, clock: clock, passphrase: passphrase)
        let username = keyring.identity.username
        do {
            _ = try await keyring.admin.counts()
        } catch {
            if error.gnapError?.code == .adminRequired {
                throw SessionError(
                    "the account '\(username)' is not an admin at \(keyring.server); the admin view needs an admin "
                        + "account (ask an admin: gnapterm admin users set-role \(username) admin)")
            }
            throw SessionError(error.description)
        }
        return RemoteAdminWatchBackend(keyring: keyring, identity: "\(username) @ \(keyring.server)")
    }
}
