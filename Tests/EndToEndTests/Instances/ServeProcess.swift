import Foundation

/// `gnapterm serve` with the arguments a test chooses (a database URL, a public URL behind a proxy).
struct ServeProcess {
    let process: RunningProcess
    /// The base URL the AS prints (its public URL).
    let url: String

    static func start(_ arguments: [String], environment: [String: String] = [:]) async throws -> ServeProcess {
        let process = try RunningProcess(["serve"] + arguments, environment: environment)
        try await process.waitForOutput("listening on ", timeout: .seconds(40))
        guard let line = process.stdoutLines.first(where: { $0.contains("listening on ") }),
            let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") })
        else { throw E2EError("no URL in: \(process.stdout)") }
        return ServeProcess(process: process, url: String(url))
    }

    /// The one-time code printed on a first start.
    var bootstrapCode: String? {
        process.stdoutLines.first { $0.hasPrefix("    ") && $0.contains("-") }?.trimmed
    }

    /// Everything the process wrote, both streams.
    var output: String { process.stdout + process.stderr }
}

/// `approve --plain` from standard input: enrolls (with `enroll`) or uses the key in `home`.
func plainApprove(server: String, home: URL, enroll: String? = nil, input: String) throws
    -> (status: Int32, output: String)
{
    let result = try PipedCommand.run(
        ["approve", "--as", server, "--home", home.path, "--plain"] + (enroll.map { ["--enroll", $0] } ?? []),
        stdin: Array(input.utf8))
    return (result.status, result.stdoutText + result.stderr)
}
