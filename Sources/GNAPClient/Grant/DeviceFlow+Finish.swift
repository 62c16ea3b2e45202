import GNAP

/// Waiting for the interaction finish and continuing with the interaction reference (RFC 9635 §4.2, §5.1).
extension DeviceFlow {
    /// Builds the `finish` member for a listener: a fresh random nonce (§2.5.2: "sufficiently random to be
    /// unguessable", unique per request).
    public static func finish(
        _ method: FinishMethod, listener: FinishListener, hashMethod: InteractionHashMethod? = nil
    ) -> InteractFinish {
        InteractFinish(method: method.rawValue, uri: listener.uri, nonce: Secrets.token(), hashMethod: hashMethod?.name)
    }

    func awaitFinish(
        listener: FinishListener, expectation: FinishExpectation, continuation: ContinueResponse,
        receivedAt: WallInstant, deadline: WallInstant, onEvent: @Sendable (Event) async -> Void
    ) async throws -> Outcome {
        listener.expect(expectation)
        let clock = clock
        let callback: InteractionFinishCallback?
        do {
            callback = try await withThrowingTaskGroup(of: InteractionFinishCallback?.self) { group in
                group.addTask { await listener.callback() }
                group.addTask {
                    try await clock.sleep(until: deadline, tolerance: nil)
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        } catch {
            // Interrupted while waiting (Ctrl-C): withdraw the request so its code and link stop working (§5.4).
            await withdraw(continuation)
            throw error
        }
        // The listener only delivers callbacks whose hash verified (§4.2.3); nil means the deadline passed.
        guard let callback else { return .expired }
        await onEvent(.interactionFinished)
        // From here on it is continuation like polling, every call carrying the reference (§5.1); the poller decides
        // when to call and what each answer means, and its first call waits from the grant response.
        let poller = ContinuationPoller(
            clock: clock, continue: continuation, receivedAt: receivedAt, deadline: deadline, jitter: Self.jitter)
        return try await follow(poller, onEvent: onEvent) { current throws(GNAPClientError) in
            try await client.continueAfterInteraction(current, interactRef: callback.interactRef)
        }
    }
}
