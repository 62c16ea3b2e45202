import GNAP

/// The AS's one ``CodeAttemptLimiter``, shared by every code entry. Kept in memory: the limits are about rates over
/// minutes, and a restart of the AS does not help an attacker (pending codes keep their lifetimes).
actor CodeAttemptGuard {
    private var limiter: CodeAttemptLimiter<AnyWallClock>

    init(policy: CodeAttemptPolicy, clock: AnyWallClock) {
        limiter = CodeAttemptLimiter(policy: policy, clock: clock)
    }

    var policy: CodeAttemptPolicy { limiter.policy }

    /// A ticket for one attempt, or the refusal as `too_many_attempts` (HTTP 429 with `Retry-After`).
    func begin(device: String) throws(APIError) -> CodeAttemptTicket {
        switch limiter.event(.attempt(device: device)) {
        case .proceed(let ticket): return ticket
        case .refuse(let refusal): throw Self.error(for: refusal)
        case .remaining: throw APIError(GNAPError(.requestDenied, "unexpected limiter state"))
        }
    }

    /// Settles an attempt; returns how many failed entries the device has left in its window.
    func settle(_ ticket: CodeAttemptTicket, failed: Bool) -> Int {
        guard case .remaining(let left) = limiter.event(.settled(ticket, failed: failed)) else { return 0 }
        return left
    }

    static func error(for refusal: CodeAttemptRefusal) -> APIError {
        let seconds = max(1, refusal.retryAfter.roundedUpSeconds)
        let description =
            switch refusal {
            case .deviceLocked:
                "too many failed code entries from this device; try again in \(seconds) s"
            case .asWideLimit:
                "too many failed code entries at this AS; code entry is paused for everyone for \(seconds) s"
            }
        return APIError(
            .tooManyRequests, GNAPError(.tooManyAttempts, description), headers: [.retryAfter: "\(seconds)"])
    }
}
