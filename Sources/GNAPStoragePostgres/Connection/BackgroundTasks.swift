import Synchronization

/// The store's long-running tasks (the connection pool, the audit listener, the health watcher), cancelled together.
final class BackgroundTasks: Sendable {
    private let tasks = Mutex<[Task<Void, Never>]>([])

    func start(_ operation: @escaping @Sendable () async -> Void) {
        let task = Task { await operation() }
        tasks.withLock { $0.append(task) }
    }

    /// Cancels every task and waits for each to end.
    func cancelAll() async {
        let running = tasks.withLock { tasks in
            defer { tasks = [] }
            return tasks
        }
        // The last started ends first: watchers stop before the pool they use closes.
        for task in running.reversed() {
            task.cancel()
            await task.value
        }
    }
}
