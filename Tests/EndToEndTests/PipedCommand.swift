import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the `gnapterm` binary to completion with the given bytes on standard input, keeping standard output and
/// standard error apart (posix_spawn and waitpid, like ``SyncCommand``, through temporary files).
enum PipedCommand {
    struct Result: Equatable {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    static func run(_ arguments: [String], stdin: [UInt8]) throws -> Result {
        let directory = try Binary.temporaryDirectory("piped")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("stdin").path
        let output = directory.appendingPathComponent("stdout").path
        let errors = directory.appendingPathComponent("stderr").path
        try Data(stdin).write(to: URL(fileURLWithPath: input))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([Binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Binary.path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw E2EError("cannot run \(Binary.path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand (they are macros in C).
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(
            status: exitStatus, stdout: [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: output))) ?? Data()),
            stderr: (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
    }
}
