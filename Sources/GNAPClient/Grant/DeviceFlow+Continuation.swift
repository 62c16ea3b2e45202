import GNAP

/// Continuing the grant until the AS decides (RFC 9635 §5): by polling, or with the interaction reference after a
/// finish (`DeviceFlow+Finish`); either way one `ContinuationPoller` decides when to call and what an answer means.
extension DeviceFlow {
    /// Polls (§5.2) until the AS decides or the deadline passes.
    func poll(
        _ continuation: ContinueResponse, deadline: WallInstant, onEvent: @Sendable (Event) async -> Void
    ) async throws -> Outcome {
        let poller = ContinuationPoller(clock: clock, continue: continuation, deadline: deadline, jitter: Self.jitter)
        return try await follow(poller, onEvent: onEvent) { current throws(GNAPClientError) in
            try await client.poll(current)
        }
    }

    /// Spreads retries after failures over ±20 %, so that devices cut off together do not come back together.
    static func jitter(_ delay: Duration) -> Duration { delay * Double.random(in: 0.8...1.2) }

    /// Calls the continuation URI whenever `poller` says to, until it decides: `call` sends one continuation request
    /// with the current token (a poll, or the interaction reference after a finish). Interrupted while waiting
    /// (Ctrl-C), the flow withdraws its request so that its code and link stop working (§5.4).
    func follow(
        _ poller: ContinuationPoller<C>, onEvent: @Sendable (Event) async -> Void,
        call: (ContinueResponse) async throws(GNAPClientError) -> GrantResponse
    ) async throws -> Outcome {
        var poller = poller
        var action = poller.firstAction
        var started = false
        while true {
            switch action {
            case .pollAt(let instant):
                do {
                    try await clock.sleep(until: instant, tolerance: nil)
                } catch {
                    await withdraw(poller.current)
                    throw error
                }
                do {
                    let response = try await call(poller.current)
                    if response.interactionStarted == true, response.error == nil, !started {
                        started = true
                        await onEvent(.codeEntered)
                    }
                    action = poller.event(.response(response))
                } catch {
                    action = poller.event(.failure(error))
                    if case .pollAt(let next) = action {
                        await onEvent(.retrying(reason: error.description, nextPollAt: next))
                        continue
                    }
                }
                if case .pollAt(let next) = action { await onEvent(.waiting(nextPollAt: next)) }
            case .granted(let response): return .granted(response)
            case .denied(let error): return .denied(error)
            case .expired: return .expired
            case .failed(let error): throw error
            }
        }
    }
}
