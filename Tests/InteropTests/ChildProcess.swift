import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a short command to completion with posix_spawn and waitpid, stdout and stderr captured to separate files.
///
/// Adapted from `Tests/EndToEndTests/SyncCommand.swift` (which merges both streams): waiting for Foundation's
/// `Process` from a Swift concurrency thread proved unreliable on Linux, and files, unlike pipes, cannot fill up
/// and block the child while we wait for it.
enum ChildProcess {
    struct Output: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Why a command could not be started.
    struct SpawnError: Error, Sendable {
        var program: String
        var code: Int32
    }

    static func run(_ arguments: [String], environment: [String: String]) throws(SpawnError) -> Output {
        let directory = FileManager.default.temporaryDirectory.path
        let outputPath = "\(directory)/interop-out-\(UUID().uuidString)"
        let errorPath = "\(directory)/interop-err-\(UUID().uuidString)"
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnError(program: arguments[0], code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand (they are macros in C).
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(
            status: exitStatus,
            standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }
}
