import Glibc
import Synchronization

/// Turns SIGINT, SIGTERM and SIGHUP (a closed terminal window) into cancellation, so that a command that created
/// files can delete them before the process ends, then end the way the signal asks (`reraise`).
///
/// The handler only stores the signal's number in an atomic (async-signal-safe); a watcher task sees it and cancels
/// the work. While curses is active, `TerminalUI`'s restorer handles the signal first, puts the terminal back, and
/// re-raises it with the disposition it found, which is this handler. Signals ignored when the process started (as
/// under `nohup`) stay ignored.
public enum TerminationSignals {
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private static let received = Atomic<Int32>(0)

    /// Runs `body` until it ends or one of ``signals`` arrives, which cancels it; returns that signal, or nil.
    /// `body`'s own errors are rethrown when no signal arrived.
    public static func run(
        pollInterval: Duration = .milliseconds(20), _ body: @escaping @Sendable () async throws -> Void
    ) async throws -> Int32? {
        received.store(0, ordering: .sequentiallyConsistent)
        var previous: [Int32: sigaction] = [:]
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                _ = TerminationSignals.received.compareExchange(
                    expected: 0, desired: number, ordering: .sequentiallyConsistent)
            }
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            _ = sigaction(number, &action, &old)
            if let handler = old.__sigaction_handler.sa_handler,
                unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            {
                _ = sigaction(number, &old, nil)  // inherited "ignore" stays
            } else {
                previous[number] = old
            }
        }
        defer {
            for (number, var action) in previous { _ = sigaction(number, &action, nil) }
        }
        let work = Task { try await body() }
        let watcher = Task {
            while !Task.isCancelled {
                if received.load(ordering: .sequentiallyConsistent) != 0 {
                    work.cancel()
                    return
                }
                try? await Task.sleep(for: pollInterval)
            }
        }
        defer { watcher.cancel() }
        do {
            try await work.value
        } catch {
            if signal == nil { throw error }
        }
        return signal
    }

    /// The signal that arrived during the last ``run(pollInterval:_:)``, if any.
    public static var signal: Int32? {
        let number = received.load(ordering: .sequentiallyConsistent)
        return number == 0 ? nil : number
    }

    /// Ends the process as `number` would have by default (so a shell sees 128 + the signal number).
    public static func reraise(_ number: Int32) -> Never {
        _ = Glibc.signal(number, SIG_DFL)
        _ = raise(number)
        exit(128 + number)
    }
}
