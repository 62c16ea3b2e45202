import Foundation
import Synchronization

/// A spawned `gnapterm` process (or another program) whose output is collected line by line.
final class RunningProcess: Sendable {
    let process: Process
    private let output = OutputBuffer()

    /// What the process wrote so far; shared with the pipe handlers.
    final class OutputBuffer: Sendable {
        let text = Mutex<(stdout: String, stderr: String)>(("", ""))
    }

    /// Starts `gnapterm` (or `executable`) with `arguments`; `standardInput`, when given, is written to its stdin,
    /// which is then closed.
    init(
        _ arguments: [String], environment: [String: String] = [:], standardInput: String? = nil,
        executable: URL = Binary.url
    ) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let input = standardInput.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice
        self.process = process
        stdout.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            output.text.withLock { $0.stdout += String(decoding: data, as: UTF8.self) }
        }
        stderr.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            output.text.withLock { $0.stderr += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        if let input, let standardInput {
            input.fileHandleForWriting.write(Data(standardInput.utf8))
            try input.fileHandleForWriting.close()
        }
    }

    var stdout: String { output.text.withLock { $0.stdout } }
    var stderr: String { output.text.withLock { $0.stderr } }
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// Waits until stdout contains `text`; throws with the output so far if it does not appear in time.
    func waitForOutput(_ text: String, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while !stdout.contains(text) {
            guard ContinuousClock.now < deadline, process.isRunning || stdout.contains(text) else {
                throw E2EError("waiting for \"\(text)\"; stdout:\n\(stdout)\nstderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits until stdout or stderr (where the log goes) contains `text`.
    func waitForOutputAnywhere(_ text: String, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while !(stdout + stderr).contains(text) {
            guard ContinuousClock.now < deadline else {
                throw E2EError("waiting for \"\(text)\"; stdout:\n\(stdout)\nstderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits for the process to exit and returns its status.
    func exitStatus(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw E2EError("process did not exit in time; stdout:\n\(stdout)\nstderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        // Let the pipe handlers deliver the last bytes.
        try await Task.sleep(for: .milliseconds(100))
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
    }

    /// Kills the process at once (SIGKILL: no graceful shutdown, as in a crash) and waits for it to end.
    func killHard() async throws {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        _ = try await exitStatus()
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
