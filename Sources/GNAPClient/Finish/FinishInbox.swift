import GNAP
import Synchronization

/// The listener's shared state: the expectation, and the first verified callback handed to whoever waits.
final class FinishInbox: Sendable {
    private struct State {
        var expectation: FinishExpectation?
        var accepted = false
    }

    private let state = Mutex(State())
    private let stream: AsyncStream<InteractionFinishCallback>
    private let continuation: AsyncStream<InteractionFinishCallback>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: InteractionFinishCallback.self)
    }

    func expect(_ expectation: FinishExpectation) { state.withLock { $0.expectation = expectation } }

    var expectation: FinishExpectation? { state.withLock { $0.expectation } }

    /// Verdict on a received callback; only the first verified one is delivered.
    enum Verdict: Equatable {
        case accepted
        case noExpectation
        case hashMismatch
        case alreadyAccepted
    }

    func offer(_ callback: InteractionFinishCallback) -> Verdict {
        let verdict = state.withLock { state -> Verdict in
            guard let expectation = state.expectation else { return .noExpectation }
            guard expectation.verifies(callback) else { return .hashMismatch }
            guard !state.accepted else { return .alreadyAccepted }
            state.accepted = true
            return .accepted
        }
        if verdict == .accepted {
            continuation.yield(callback)
            continuation.finish()
        }
        return verdict
    }

    func first() async -> InteractionFinishCallback? {
        for await callback in stream { return callback }
        return nil
    }

    func close() { continuation.finish() }
}
