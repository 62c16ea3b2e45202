import GNAP
import Synchronization

/// Wakes the producers of event streams as soon as this process wrote something they may send (a grant created or
/// changed, a block lifted), instead of letting them find it on their next poll: an inbox shows a new request within
/// milliseconds. What other instances write to a shared database wakes them through the ``InstanceCoordination``
/// (PostgreSQL: LISTEN/NOTIFY on every audit entry); polling remains the fallback.
final class FeedWakeup: Sendable {
    /// A position in both signals: this process's and the instances' (``InstanceCoordination/auditSignal()``).
    struct Mark: Sendable, Hashable {
        var local: UInt64
        var shared: UInt64
    }

    private struct State {
        var generation: UInt64 = 0
        var nextID: UInt64 = 0
        var waiters: [UInt64: Waiter] = [:]
    }

    private struct Waiter {
        var continuation: CheckedContinuation<Void, Never>
        var timer: Task<Void, Never>?
    }

    private let state = Mutex(State())
    private let coordination: any InstanceCoordination
    /// Whether other instances write to the same database (their news comes through `coordination`).
    private let shared: Bool

    init(coordination: any InstanceCoordination = SingleInstance()) {
        self.coordination = coordination
        shared = !(coordination is SingleInstance)
    }

    /// How many signals there were so far; pass it to ``wait(after:timeout:)`` to wait for the next.
    var generation: Mark {
        Mark(local: state.withLock { $0.generation }, shared: shared ? coordination.auditSignal() : 0)
    }

    /// Wakes every waiter.
    func signal() {
        let woken = state.withLock { state -> [Waiter] in
            state.generation &+= 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in woken {
            waiter.timer?.cancel()
            waiter.continuation.resume()
        }
    }

    /// Returns after the next signal of this process or of another instance since `seen` (at once if there was one
    /// already), after `timeout`, or when the task is cancelled, whichever comes first.
    func wait(after seen: Mark, timeout: Duration) async {
        guard shared else { return await waitLocally(after: seen.local, timeout: timeout) }
        let coordination = coordination
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitLocally(after: seen.local, timeout: timeout) }
            group.addTask { try? await coordination.waitForAudit(beyond: seen.shared, timeout: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitLocally(after seen: UInt64, timeout: Duration) async {
        let id = state.withLock { state -> UInt64 in
            state.nextID &+= 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let registered = state.withLock { state -> Bool in
                    guard state.generation == seen, !Task.isCancelled else { return false }
                    state.waiters[id] = Waiter(continuation: continuation, timer: nil)
                    return true
                }
                guard registered else {
                    continuation.resume()
                    return
                }
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    self?.resume(id)
                }
                let stillWaiting = state.withLock { state -> Bool in
                    guard state.waiters[id] != nil else { return false }
                    state.waiters[id]?.timer = timer
                    return true
                }
                if !stillWaiting { timer.cancel() }
            }
        } onCancel: {
            resume(id)
        }
    }

    private func resume(_ id: UInt64) {
        let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
        waiter?.timer?.cancel()
        waiter?.continuation.resume()
    }
}
