import Synchronization

/// What the AS acknowledged during a fault run (a success answer reached the client), and how the flows ended.
/// After the last restart every acknowledged write must be in the database.
final class Ledger: Sendable {
    struct Entries: Sendable {
        /// Grants whose creation was answered.
        var grants: Set<String> = []
        var approvals: Set<String> = []
        var denials: Set<String> = []
        /// Every access token value a client received, with its grant.
        var tokens: [String: String] = [:]
        /// Per grant, the last token value received, when no rotation of it was left unanswered afterwards: it must
        /// still be active at the end (the rotations before it revoked the earlier values).
        var currentTokens: [String: String] = [:]
        /// Flows that ended as their approver decided.
        var granted = 0
        var denied = 0
        /// Calls that failed in transit (the AS was killed or restarting) and were sent again.
        var transientFailures = 0
        /// Calls sent again after a failure in transit whose first sending the AS had evidently committed.
        var unacknowledgedCommits = 0
        var rotations = 0
        var kills = 0
        /// The last restart is done: the clients finish the flow they are in and stop.
        var killsDone = false
    }

    private let entries = Mutex(Entries())

    func record(_ change: (inout Entries) -> Void) { entries.withLock { change(&$0) } }
    var snapshot: Entries { entries.withLock { $0 } }
}
