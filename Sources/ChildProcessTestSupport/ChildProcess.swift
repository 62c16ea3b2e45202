import Foundation
import Glibc

/// Runs a command to completion with posix_spawn and waitpid, for test targets (never linked into the executable).
///
/// Standard input comes from bytes (or /dev/null) and the output goes to temporary files, not pipes: a child that
/// forks a daemon (tmux) keeps inherited pipe ends open forever, and a full pipe blocks a child nobody reads yet.
/// Foundation's `Process` is not used because waiting for it from a Swift concurrency thread proved unreliable on
/// Linux.
public enum ChildProcess {
    public struct Output: Sendable, Equatable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: String
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

        public init(status: Int32, stdout: [UInt8], stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    public struct SpawnError: Error, Sendable, CustomStringConvertible {
        public var program: String
        public var code: Int32
        public var description: String { "cannot run \(program): posix_spawn error \(code)" }
    }

    /// - Parameters:
    ///   - arguments: the program (looked up on PATH when it has no slash) and its arguments.
    ///   - environment: the child's environment; nil inherits this process's.
    ///   - stdin: bytes for standard input; nil connects /dev/null.
    ///   - mergeStandardError: write standard error into `stdout` as well (like `2>&1`).
    public static func run(
        _ arguments: [String], environment: [String: String]? = nil, stdin: [UInt8]? = nil,
        mergeStandardError: Bool = false
    ) throws(SpawnError) -> Output {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)) != nil else {
            throw SpawnError(program: arguments.first ?? "", code: -1)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputPath = directory.appendingPathComponent("stdin").path
        let outputPath = directory.appendingPathComponent("stdout").path
        let errorPath = directory.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            guard FileManager.default.createFile(atPath: inputPath, contents: Data(stdin)) else {
                throw SpawnError(program: arguments.first ?? "", code: -1)
            }
            posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if mergeStandardError {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
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
            status: exitStatus, stdout: [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data()),
            stderr: mergeStandardError ? "" : ((try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""))
    }
}
