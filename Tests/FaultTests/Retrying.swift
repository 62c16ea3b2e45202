import GNAP
import GNAPClient

/// How a call ended when it had to be sent more than once.
enum Sent<Value> {
    /// The AS answered with success: an acknowledged write.
    case answered(Value)
    /// A sending was lost in transit, and the one after it was refused: the lost one was evidently committed
    /// (a code already bound, a grant already decided, a token already rotated), its answer never arrived.
    case committedUnanswered(GNAPClientError)
}

/// Sends a call until the AS answers it, riding out kills and restarts: a failure in transit (refused, reset,
/// 5xx) is retried after `pause`. A refusal on the first sending fails the run; a refusal after a lost sending is
/// `committedUnanswered`.
func retrying<Value>(
    _ what: String, ledger: Ledger, pause: Duration = .milliseconds(150), limit: Duration = .seconds(120),
    _ call: () async throws(GNAPClientError) -> Value
) async throws -> Sent<Value> {
    let deadline = ContinuousClock.now.advanced(by: limit)
    var lost = false
    while true {
        do {
            return .answered(try await call())
        } catch {
            if error.isTransient {
                ledger.record { $0.transientFailures += 1 }
                lost = true
                guard ContinuousClock.now < deadline else { throw FaultError("\(what): still failing: \(error)") }
                try await Task.sleep(for: pause)
                continue
            }
            if lost {
                ledger.record { $0.unacknowledgedCommits += 1 }
                return .committedUnanswered(error)
            }
            throw FaultError("\(what): \(error)")
        }
    }
}
