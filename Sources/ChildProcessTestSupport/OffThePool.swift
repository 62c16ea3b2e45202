import Foundation

/// Runs blocking `work` (waiting for a child process) on a thread of its own. A test that waits on one of Swift
/// concurrency's threads holds one of the few there are (two on a 2-core machine); when the child calls a server
/// running in the test process, that server may then have no thread left to answer it, and the child times out.
public func offThePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
