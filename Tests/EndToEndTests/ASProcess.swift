import Foundation

/// `gnapterm serve` on a free port with its own data directory.
struct ASProcess {
    let process: RunningProcess
    let url: String
    let dataDirectory: URL
    let bootstrapCode: String
    let pollInterval: Int
    let codeLifetime: Int

    static func start(pollInterval: Int = 1, codeLifetime: Int = 600) async throws -> ASProcess {
        let server = try await launch(
            listen: "127.0.0.1:0", directory: try Binary.temporaryDirectory("as"), pollInterval: pollInterval,
            codeLifetime: codeLifetime)
        guard server.process.stdout.contains(server.bootstrapCode) else {
            throw E2EError("the bootstrap code was not printed")
        }
        return server
    }

    private static func launch(listen: String, directory: URL, pollInterval: Int, codeLifetime: Int) async throws
        -> ASProcess
    {
        let process = try RunningProcess([
            "serve", "--listen", listen, "--data-dir", directory.path, "--poll-interval", "\(pollInterval)",
            "--code-lifetime", "\(codeLifetime)",
        ])
        try await process.waitForOutput("listening on ")
        guard let line = process.stdoutLines.first(where: { $0.contains("listening on ") }),
            let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") })
        else { throw E2EError("no URL in: \(process.stdout)") }
        let codeFile = directory.appendingPathComponent("bootstrap-enrollment-code")
        let code = try String(contentsOf: codeFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let mode = try FileManager.default.attributesOfItem(atPath: codeFile.path)[.posixPermissions] as? NSNumber
        guard mode?.intValue == 0o600 else { throw E2EError("bootstrap code file mode is \(String(describing: mode))") }
        return ASProcess(
            process: process, url: String(url), dataDirectory: directory, bootstrapCode: code,
            pollInterval: pollInterval, codeLifetime: codeLifetime)
    }

    /// Stops the AS, keeping its data, and waits for it to exit.
    func kill() async throws {
        process.stop()
        _ = try await process.exitStatus()
    }

    /// Starts the AS again on the same address with the same data (after `kill()`).
    func restart() async throws -> ASProcess {
        let address = url.replacingOccurrences(of: "http://", with: "")
        return try await Self.launch(
            listen: address, directory: dataDirectory, pollInterval: pollInterval, codeLifetime: codeLifetime)
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}
