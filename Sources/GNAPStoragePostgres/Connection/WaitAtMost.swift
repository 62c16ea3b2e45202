import Synchronization

extension PostgresFailure {
    /// Waits at most `timeout` for `operation`, which runs in a task of its own and is left to finish by itself: a
    /// statement on a connection that broke without a word must not hold its caller (or a shutdown) forever.
    static func waitAtMost<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let first = ResumeOnce(continuation)
            Task {
                do {
                    first.resume(with: .success(try await operation()))
                } catch {
                    first.resume(with: .failure(error))
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                first.resume(with: .failure(TimedOut()))
            }
        }
    }
}

/// Resumes a continuation with the first result offered.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) { self.continuation = Mutex(continuation) }

    func resume(with result: Result<T, any Error>) {
        let waiting = continuation.withLock { continuation in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(with: result)
    }
}
