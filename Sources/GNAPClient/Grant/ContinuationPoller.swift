import GNAP

/// The client side of continuation polling (RFC 9635 §5.2) as a state machine generic over `Clock`: it decides
/// when to call and what a response means; the shell sleeps, sends, and feeds back what happened.
public struct ContinuationPoller<C: Clock & Sendable>: Sendable where C.Instant == WallInstant {
    public let clock: C
    public private(set) var current: ContinueResponse
    public private(set) var nextCallAt: WallInstant
    /// Give up after this instant (the interaction's expiry plus a grace period for the AS to say so itself).
    public let deadline: WallInstant
    private var transientFailures = 0
    private var tooFastCount = 0
    private var jitter: @Sendable (Duration) -> Duration

    /// Default `wait` when the AS sends none (§3.1: "omission of the value MUST be interpreted as five seconds").
    public static var defaultWait: Int { 5 }
    /// Upper bound for backoff after failures.
    public static var maximumBackoff: Duration { .seconds(60) }

    /// `receivedAt` is when `response` arrived (default: now); the first call waits its `wait` from then (§5: the
    /// client "MUST NOT call the continuation URI prior to waiting the number of seconds indicated").
    public init(
        clock: C, continue response: ContinueResponse, receivedAt: WallInstant? = nil, deadline: WallInstant,
        jitter: @escaping @Sendable (Duration) -> Duration = { $0 }
    ) {
        self.clock = clock
        current = response
        self.deadline = deadline
        self.jitter = jitter
        nextCallAt = (receivedAt ?? clock.now).advanced(by: .seconds(response.wait ?? Self.defaultWait))
    }

    public enum Event: Sendable {
        /// A continuation response arrived.
        case response(GrantResponse)
        /// The call failed.
        case failure(GNAPClientError)
    }

    public enum Action: Sendable, Equatable {
        /// Sleep until the instant, then call `continue` again.
        case pollAt(WallInstant)
        case granted(GrantResponse)
        case denied(GNAPError)
        case expired
        case failed(GNAPClientError)
    }

    /// What to do first.
    public var firstAction: Action { .pollAt(nextCallAt) }

    public mutating func event(_ event: Event) -> Action {
        let now = clock.now
        switch event {
        case .response(let response):
            transientFailures = 0
            if let error = response.error { return handle(error, continueResponse: response.continue, now: now) }
            if response.accessToken != nil || response.subject != nil { return .granted(response) }
            guard let next = response.continue else {
                return .failed(.malformedResponse("the AS sent neither tokens nor a way to continue"))
            }
            current = next
            tooFastCount = 0
            nextCallAt = now.advanced(by: .seconds(next.wait ?? Self.defaultWait))
            return nextCallAt > deadline ? .expired : .pollAt(nextCallAt)
        case .failure(let error):
            if let gnapError = error.gnapError, !error.isTransient {
                return handle(gnapError, continueResponse: nil, now: now)
            }
            guard error.isTransient else { return .failed(error) }
            // Network trouble or an AS restart: capped exponential backoff with jitter, same continuation token.
            transientFailures += 1
            let base = Duration.seconds(current.wait ?? Self.defaultWait)
            let backoff = min(base * (1 << min(transientFailures, 6)), Self.maximumBackoff)
            // The cap holds after jitter too.
            nextCallAt = now.advanced(by: min(jitter(backoff), Self.maximumBackoff))
            return nextCallAt > deadline ? .expired : .pollAt(nextCallAt)
        }
    }

    private mutating func handle(_ error: GNAPError, continueResponse: ContinueResponse?, now: WallInstant) -> Action {
        switch error.code {
        case .tooFast:
            // We were early (clock drift or a lost response): back off, doubling each time. A `continue` in the
            // answer carries the rotated token to use next (§3.6).
            if let continueResponse { current = continueResponse }
            tooFastCount += 1
            let wait = Duration.seconds(current.wait ?? Self.defaultWait) * (1 << min(tooFastCount, 4))
            nextCallAt = now.advanced(by: min(wait, Self.maximumBackoff))
            return nextCallAt > deadline ? .expired : .pollAt(nextCallAt)
        case .userDenied:
            return .denied(error)
        case .invalidInteraction:
            return .expired
        default:
            if let continueResponse {
                current = continueResponse
                nextCallAt = now.advanced(by: .seconds(continueResponse.wait ?? Self.defaultWait))
                return .pollAt(nextCallAt)
            }
            return .failed(.server(status: 400, error: error))
        }
    }
}
