import NIOCore
import NIOPosix
import Synchronization

/// `gnapterm serve` runs Swift concurrency's jobs on NIO's event loops instead of the runtime's own thread pool
/// (docs/decisions.md, decision 72).
///
/// Every request of the AS starts on an event loop (HTTP parsing), runs its handler as a task, and ends on the event
/// loop again (writing the answer); with the default executor each of those steps was a hand-off between two sets of
/// threads, a wake-up through a futex each time. With NIO's `MultiThreadedEventLoopGroup.singleton` as the global
/// executor, the one Hummingbird serves on, a handler runs on the thread that read its request. Blocking calls on
/// the concurrency pool were already forbidden beyond the AS store's short reads (decision 70); they now also hold
/// up that loop's sockets while they run, as they held up a pool thread before.
enum EventLoopExecutor {
    private static let installed = Atomic<Bool>(false)

    /// Installs the event loops as the global executor when the subcommand is `serve`. It must run once, on the main
    /// thread, before the command starts any work (NIO's rules for the hook). Other subcommands keep the runtime's
    /// pool: the terminal apps wait on the terminal and gain nothing from it.
    static func installIfServing(arguments: [String]) {
        guard arguments.first == "serve" else { return }
        if NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() {
            installed.store(true, ordering: .relaxed)
        }
    }

    /// Whether Swift concurrency's jobs run on NIO's event loops in this process.
    static var isInstalled: Bool { installed.load(ordering: .relaxed) }
}
