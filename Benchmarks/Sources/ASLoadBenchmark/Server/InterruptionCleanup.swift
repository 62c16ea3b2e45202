import Dispatch
import Foundation
import Synchronization

/// Stops the AS instances and a running wrk when the benchmark itself is interrupted (Ctrl-C, SIGTERM), so neither is left
/// running. wrk is started with default signal dispositions (``LoaderProcess``), so ignoring the signals here does
/// not change how it ends.
final class InterruptionCleanup {
    /// The wrk process of the run in progress, if any (set by ``WrkRunner``).
    static let runningLoader = Mutex<pid_t?>(nil)

    private let sources: [any DispatchSourceSignal]

    init(servers: [ASProcess]) {
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if let loader = Self.runningLoader.withLock({ $0 }) { kill(loader, SIGKILL) }
                for server in servers { server.stop() }
                exit(128 + signalNumber)
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
