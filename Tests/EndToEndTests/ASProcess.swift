import Foundation

/// `gnapterm serve` on a free port with its own data directory.
struct ASProcess {
    let process: RunningProcess
    let url: String
    let dataDirectory: URL
    let bootstrapCode: String

    static func start(pollInterval: Int = 1, codeLifetime: Int = 600) async throws -> ASProcess {
        let directory = try Binary.temporaryDirectory("as")
        let process = try RunningProcess([
            "serve", "--listen", "127.0.0.1:0", "--data-dir", directory.path, "--poll-interval", "\(pollInterval)",
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
        guard process.stdout.contains(code) else { throw E2EError("the bootstrap code was not printed") }
        return ASProcess(process: process, url: String(url), dataDirectory: directory, bootstrapCode: code)
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}
