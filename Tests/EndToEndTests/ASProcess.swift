import Foundation

/// `gnapterm serve` on a free port with its own data directory.
struct ASProcess {
    let process: RunningProcess
    let url: String
    let dataDirectory: URL
    let bootstrapCode: String
    let pollInterval: Int
    let codeLifetime: Int
    /// Further `serve` arguments, kept for restarts.
    let extraArguments: [String]

    static func start(pollInterval: Int = 1, codeLifetime: Int = 600, extraArguments: [String] = []) async throws
        -> ASProcess
    {
        let server = try await launch(
            listen: "127.0.0.1:0", directory: try Binary.temporaryDirectory("as"), pollInterval: pollInterval,
            codeLifetime: codeLifetime, bootstrapCode: nil, extraArguments: extraArguments)
        guard server.process.stdout.contains(server.bootstrapCode) else {
            throw E2EError("the bootstrap code was not printed")
        }
        return server
    }

    /// Starts `serve`; on a first start (`bootstrapCode` nil) the code is read from the bootstrap code file.
    private static func launch(
        listen: String, directory: URL, pollInterval: Int, codeLifetime: Int, bootstrapCode: String?,
        extraArguments: [String]
    ) async throws -> ASProcess {
        let process = try RunningProcess(
            [
                "serve", "--listen", listen, "--data-dir", directory.path, "--poll-interval", "\(pollInterval)",
                "--code-lifetime", "\(codeLifetime)",
            ] + extraArguments)
        try await process.waitForOutput("listening on ")
        guard let line = process.stdoutLines.first(where: { $0.contains("listening on ") }),
            let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") })
        else { throw E2EError("no URL in: \(process.stdout)") }
        let code = try bootstrapCode ?? readCodeFile(directory)
        return ASProcess(
            process: process, url: String(url), dataDirectory: directory, bootstrapCode: code,
            pollInterval: pollInterval, codeLifetime: codeLifetime, extraArguments: extraArguments)
    }

    static func codeFile(_ directory: URL) -> URL { directory.appendingPathComponent("bootstrap-enrollment-code") }

    private static func readCodeFile(_ directory: URL) throws -> String {
        let codeFile = codeFile(directory)
        let code = try String(contentsOf: codeFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let mode = try FileManager.default.attributesOfItem(atPath: codeFile.path)[.posixPermissions] as? NSNumber
        guard mode?.intValue == 0o600 else { throw E2EError("bootstrap code file mode is \(String(describing: mode))") }
        return code
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
            listen: address, directory: dataDirectory, pollInterval: pollInterval, codeLifetime: codeLifetime,
            bootstrapCode: bootstrapCode, extraArguments: extraArguments)
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}
