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
        // §5: "MUST NOT call the continuation URI prior to waiting the number of seconds indicated".
        var current = continuation
        var earliest = receivedAt.advanced(by: .seconds(continuation.wait ?? ContinuationPoller<C>.defaultWait))
        var tooFastAnswers = 0
        while true {
            if clock.now < earliest { try await clock.sleep(until: earliest, tolerance: nil) }
            let response: GrantResponse
            do {
                response = try await client.continueAfterInteraction(current, interactRef: callback.interactRef)
            } catch {
                // Errors without `continue` are thrown (§3.6): a denial or an expiry ends the flow as an outcome.
                guard let gnapError = error.gnapError else { throw error }
                switch gnapError.code {
                case .userDenied: return .denied(gnapError)
                case .invalidInteraction: return .expired
                default: throw error
                }
            }
            if let error = response.error {
                switch error.code {
                case .userDenied:
                    return .denied(error)
                case .tooFast where response.continue != nil && tooFastAnswers < 4:
                    // The same reference, with the rotated token, after the new wait.
                    tooFastAnswers += 1
                    current = response.continue!
                    earliest = clock.now.advanced(by: .seconds(current.wait ?? ContinuationPoller<C>.defaultWait))
                    continue
                case .invalidInteraction where response.continue == nil:
                    return .expired
                default:
                    throw GNAPClientError.server(status: 400, error: error)
                }
            }
            if response.accessToken != nil || response.subject != nil { return .granted(response) }
            throw GNAPClientError.malformedResponse(
                "the AS answered the interaction reference with neither tokens nor an error")
        }
    }
}
