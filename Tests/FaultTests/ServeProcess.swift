import Foundation
import Glibc
import Synchronization

/// `gnapterm serve` as a child process on a data directory of its own, which a test can `kill -9` and start again
/// on the same address and data. Optionally under an open-file limit (`ulimit -n`, set by `/bin/sh` before it
/// executes the binary, so the limit is the AS's own).
final class ServeProcess: @unchecked Sendable {
    let dataDirectory: URL
    let openFileLimit: Int?
    let extraArguments: [String]
    // The current process, its output and the address, behind `lock`: read by the clients' tasks, replaced by
    // the task that kills and restarts.
    private let lock = NSLock()
    private var process: Process?
    private var log: OutputLog?
    private var address: String?

    /// What the current process wrote, shared with the pipe's handler.
    final class OutputLog: Sendable {
        let text = Mutex("")
    }

    init(openFileLimit: Int? = nil, extraArguments: [String] = []) throws {
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gnapterm-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        self.openFileLimit = openFileLimit
        self.extraArguments = extraArguments
    }

    /// The base URL, known once the first start has printed it.
    var url: String { lock.withLock { address ?? "" } }
    var output: String { lock.withLock { log }?.text.withLock { $0 } ?? "" }
    var processID: Int32? { lock.withLock { process?.processIdentifier } }
    private var current: Process? { lock.withLock { process } }

    /// Starts the AS (on a free port the first time, then on the same address) and waits until it listens.
    func start() async throws {
        let listen = lock.withLock { address?.replacingOccurrences(of: "http://", with: "") } ?? "127.0.0.1:0"
        let serve =
            [
                FaultBinary.path, "serve", "--listen", listen, "--data-dir", dataDirectory.path, "--poll-interval", "1",
                "--code-lifetime", "600",
            ] + extraArguments
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let limit = openFileLimit.map { "ulimit -n \($0) && " } ?? ""
        process.arguments = ["-c", limit + #"exec "$0" "$@""#] + serve
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let log = OutputLog()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            log.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        lock.withLock {
            self.process = process
            self.log = log
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while true {
            let text = log.text.withLock { $0 }
            if let line = text.split(separator: "\n").first(where: { $0.contains("listening on http://") }),
                let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") })
            {
                lock.withLock { address = String(url) }
                return
            }
            guard process.isRunning, ContinuousClock.now < deadline else {
                throw FaultError("serve did not start listening:\n\(text)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// `kill -9`: no shutdown, no flush; waits until the process is gone.
    func kill9() async throws {
        guard let process = current else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        try await waitForExit(process)
    }

    /// SIGTERM and wait: the AS shuts down on its own.
    func stop() async throws {
        guard let process = current else { return }
        if process.isRunning { process.terminate() }
        try await waitForExit(process)
    }

    private func waitForExit(_ process: Process) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw FaultError("serve did not exit") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The bootstrap enrollment code the first start wrote.
    func bootstrapCode() throws -> String {
        try String(contentsOf: dataDirectory.appendingPathComponent("bootstrap-enrollment-code"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func removeData() { try? FileManager.default.removeItem(at: dataDirectory) }
}

/// The built `gnapterm` executable, which SwiftPM puts beside the test bundle (the target depends on it).
enum FaultBinary {
    static var path: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("gnapterm")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests.path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/gnapterm").path
    }
}

struct FaultError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
