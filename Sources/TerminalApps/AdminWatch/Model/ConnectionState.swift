import GNAP

/// The live stream's state, always shown in the header.
public enum ConnectionState: Sendable, Hashable {
    /// Opening the stream (and, the first time, loading the pending requests).
    case connecting(attempt: Int)
    /// Events are flowing.
    case live(since: WallInstant)
    /// The stream broke; the next attempt starts at `retryAt`.
    case reconnecting(attempt: Int, retryAt: WallInstant, reason: String)
    /// The AS refused this terminal (not an admin, device revoked): no more attempts.
    case refused(String)

    /// The delay before attempt `attempt` (1, 2, …): 0.5 s doubling to a cap of 30 s. The effect handler adds
    /// jitter so that many watchers do not return in step after an AS restart.
    public static func backoff(attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 10)
        return min(.milliseconds(500) * (1 << exponent), .seconds(30))
    }
}
