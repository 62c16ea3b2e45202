import GNAP
import GNAPServer
import Synchronization

/// A ``FinishPushTransport`` that records each push and answers with a chosen status or failure.
final class RecordingPushTransport: FinishPushTransport {
    struct Push: Sendable, Hashable {
        var url: String
        var callback: InteractionFinishCallback
    }

    enum Answer: Sendable {
        case status(Int)
        case failure
        /// Answers only after this long (longer than the approver waits).
        case slow(Duration)
    }

    /// The answers in turn; the last one is repeated.
    private let state: Mutex<(pushes: [Push], answers: [Answer])>

    init(answer: Answer = .status(204)) { state = Mutex(([], [answer])) }

    /// Answers the first push with `answers[0]`, the second with `answers[1]`, and so on.
    init(answers: [Answer]) { state = Mutex(([], answers)) }

    var pushes: [Push] { state.withLock { $0.pushes } }

    struct Unreachable: Error {}

    func post(_ body: [UInt8], to url: String, timeout: Duration) async throws -> Int {
        let callback = try GNAPJSON.decode(InteractionFinishCallback.self, from: body)
        let answer = state.withLock { state in
            state.pushes.append(Push(url: url, callback: callback))
            return state.answers[min(state.pushes.count, state.answers.count) - 1]
        }
        switch answer {
        case .status(let status): return status
        case .failure: throw Unreachable()
        case .slow(let delay):
            try await Task.sleep(for: delay)
            return 204
        }
    }
}
