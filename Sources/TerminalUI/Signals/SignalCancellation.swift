import Glibc
import Synchronization

/// Turns SIGINT, SIGTERM and SIGHUP into task cancellation, so that a command can clean up (say goodbye to a
/// server, remove a file) before the process ends, instead of dying in the middle of an `await`.
///
/// `run(_:)` installs the handlers, runs the body in a task of its own, and cancels that task when the first of
/// these signals arrives; a second signal ends the process at once (the signal's default action), for when the
/// clean-up hangs. It returns the body's value and the signal that interrupted it; the caller then ends the
/// process with `terminate(by:)`, so that its status says which signal ended it (e.g. 143 for SIGTERM).
///
/// The handler only stores the signal number in an atomic (async-signal-safe); a task polls it every
/// ``pollInterval``. Curses sessions cooperate: `TerminalRestorer` saves these handlers as the previous
/// dispositions, restores the terminal on the signal and then passes the signal on to them. Signals that were
/// ignored when `run` started (`nohup`) stay ignored.
public enum SignalCancellation {
    /// The signals that cancel the body.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// How often the signal flag is looked at.
    static let pollInterval: Duration = .milliseconds(20)

    private static let received = Atomic<Int32>(0)
    nonisolated(unsafe) private static var previousActions: UnsafeMutablePointer<sigaction>?

    /// What `run` returns: the body's value, and the signal that cancelled it, if one did.
    public struct Outcome<Value: Sendable>: Sendable {
        public var value: Value
        public var signal: Int32?
    }

    /// Runs `body`, which is cancelled by the first of `signals` to arrive (see the type's documentation).
    public static func run<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) async -> Outcome<Value> {
        received.store(0, ordering: .sequentiallyConsistent)
        install()
        let work = Task { await body() }
        let watcher = Task {
            while !Task.isCancelled {
                if received.load(ordering: .sequentiallyConsistent) != 0 {
                    work.cancel()
                    return
                }
                try? await Task.sleep(for: pollInterval)
            }
        }
        let value = await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            work.cancel()
        }
        watcher.cancel()
        uninstall()
        let signal = received.exchange(0, ordering: .sequentiallyConsistent)
        return Outcome(value: value, signal: signal == 0 ? nil : signal)
    }

    /// Ends the process by `signal` with its default action (the status a shell reports is 128 + `signal`).
    public static func terminate(by signal: Int32) -> Never {
        _ = Glibc.signal(signal, SIG_DFL)
        // The calling thread (one of the concurrency pool's) may block the signal: unblock it here, then raise it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        _ = pthread_sigmask(SIG_UNBLOCK, &set, nil)
        _ = raise(signal)
        // Only reached if the signal's default action does not end the process.
        exit(128 + signal)
    }

    private static func install() {
        let table = previousActions ?? UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        table.initialize(repeating: sigaction(), count: 65)
        previousActions = table
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in SignalCancellation.handle(number) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            _ = sigaction(number, &action, table + Int(number))
            if let previous = table[Int(number)].__sigaction_handler.sa_handler,
                unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            {
                _ = sigaction(number, table + Int(number), nil)  // an inherited "ignore" is respected
            }
        }
    }

    private static func uninstall() {
        guard let previousActions else { return }
        for number in signals { _ = sigaction(number, previousActions + Int(number), nil) }
    }

    /// The handler: async-signal-safe calls only. The first signal is recorded; a second one while the body is
    /// still cleaning up takes the default action at once.
    private static func handle(_ number: Int32) {
        if received.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent).exchanged {
            return
        }
        _ = Glibc.signal(number, SIG_DFL)
        _ = raise(number)
    }
}
