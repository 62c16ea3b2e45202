import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// wrk as a child process started with `posix_spawn`, with an empty signal mask and default signal dispositions.
///
/// Foundation's `Process` would pass on the signal mask of the spawning thread, and the threads of this process
/// (Swift concurrency, NIO) block most signals: wrk would then never see the SIGINT that ends its run.
struct LoaderProcess: Sendable {
    let pid: pid_t

    /// Starts `executable` with `arguments`, standard output and error to `outputPath`, input from /dev/null, and this
    /// process's environment with `environment` added.
    static func start(
        _ executable: String, _ arguments: [String], outputPath: String, environment added: [String: String] = [:]
    ) throws -> LoaderProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment =
            ProcessInfo.processInfo.environment.merging(added) { $1 }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + environment { free(pointer) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environment)
        guard status == 0 else {
            throw BenchmarkFailure("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return LoaderProcess(pid: pid)
    }

    func interrupt() { kill(pid, SIGINT) }

    /// The exit status once the process ended (and was reaped), nil while it runs.
    func exitStatus() -> Int32? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        // WIFEXITED / WEXITSTATUS (wait(2)); a signal's death is reported as 128 + the signal.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
