import GNAP
import GNAPClient
import HTTPMessageSignatures
import Synchronization

/// What the AS acknowledged while it ran: every grant it answered, every decision it confirmed and every token it
/// delivered. A write counts once its whole answer has reached the client; after `kill -9` each must still be there.
final class AcknowledgedWrites: Sendable {
    struct Token: Sendable {
        var grantID: String
        var client: GrantClient
        var manage: TokenManagement
    }

    private let state = Mutex<(grants: [String], decisions: [String], tokens: [Token], stopped: Bool)>(
        ([], [], [], false))

    var grants: [String] { state.withLock { $0.grants } }
    var decisions: [String] { state.withLock { $0.decisions } }
    var tokens: [Token] { state.withLock { $0.tokens } }
    var isStopped: Bool { state.withLock { $0.stopped } }

    /// From here on nothing is recorded: the AS is being killed, so an answer arriving now proves nothing more.
    func stop() { state.withLock { $0.stopped = true } }

    func grant(_ id: String) { state.withLock { if !$0.stopped { $0.grants.append(id) } } }
    func decision(_ id: String) { state.withLock { if !$0.stopped { $0.decisions.append(id) } } }
    func token(_ token: Token) { state.withLock { if !$0.stopped { $0.tokens.append(token) } } }

    /// The grant id at the end of a continuation URI (`…/gnap/continue/{id}`).
    static func grantID(_ continuation: ContinueResponse) -> String {
        String(continuation.uri.split(separator: "/").last ?? "")
    }
}
