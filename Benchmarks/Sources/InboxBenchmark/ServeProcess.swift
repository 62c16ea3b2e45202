import Foundation

/// `gnapterm serve` on a free loopback port with a fresh data directory, allowing dynamic clients to send
/// asynchronous requests and raising the per-client limits so one client can fill one inbox.
final class ServeProcess: @unchecked Sendable {
    let process: Process
    let url: String
    let bootstrapCode: String
    let directory: URL

    private init(process: Process, url: String, bootstrapCode: String, directory: URL) {
        self.process = process
        self.url = url
        self.bootstrapCode = bootstrapCode
        self.directory = directory
    }

    static func start(binary: String, maximumPending: Int) async throws -> ServeProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "inbox-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "serve", "--listen", "127.0.0.1:0", "--data-dir", directory.path, "--allow-async-dynamic-clients",
            "--max-pending-async", "\(maximumPending)", "--max-async-per-hour", "\(maximumPending * 2)",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("listening on "), Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first(where: { $0.contains("listening on ") }),
            let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") })
        else {
            process.terminate()
            throw BenchmarkError("gnapterm serve did not start (\(binary)): \(text)")
        }
        // Keep reading so the server never blocks on a full pipe.
        output.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
        let code = try String(
            contentsOf: directory.appendingPathComponent("bootstrap-enrollment-code"), encoding: .utf8
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        return ServeProcess(process: process, url: String(url), bootstrapCode: code, directory: directory)
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
