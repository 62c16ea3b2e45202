import Foundation

/// A release `gnapterm serve` on a fresh data directory (or a fresh schema of a PostgreSQL database), listening on a
/// free loopback port.
///
/// Its standard output and error go to files in the work directory (the AS logs every grant it creates at `info`,
/// as it would in production), so nothing the benchmark does can stall it on a full pipe.
final class ASProcess: Sendable {
    let process: Process
    let dataDirectory: URL
    /// The public URL, e.g. `http://127.0.0.1:41234`: what clients sign for (the first instance's own address).
    let baseURL: String
    /// Where this instance listens, `HOST:PORT` (another instance's address when it serves that one's public URL).
    let address: String
    var authority: String { String(baseURL.dropFirst("http://".count)) }
    var pid: Int32 { process.processIdentifier }

    /// Starts the AS and returns once it reports the address it listens on.
    /// With `callgrindOutput`, the AS runs under `valgrind --tool=callgrind` with instrumentation off until
    /// ``CallgrindControl`` switches it on. With `database`, the state is in that PostgreSQL database (the data
    /// directory then holds only the bootstrap code file); `publicURL` lets a second instance answer under the first
    /// one's address, which is what the clients sign for.
    static func start(
        gnapterm: String, workDirectory: URL, pollInterval: Int, resourceServers: URL, callgrindOutput: String? = nil,
        callgrindPreload: String? = nil, instance: Int = 0, database: String? = nil,
        databasePasswordFile: String? = nil, publicURL: String? = nil, port: Int = 0
    ) async throws -> ASProcess {
        let suffix = instance == 0 ? "" : "-\(instance)"
        let data = workDirectory.appendingPathComponent("as-data" + suffix)
        let output = workDirectory.appendingPathComponent("as-stdout\(suffix).txt")
        let errors = workDirectory.appendingPathComponent("as-stderr\(suffix).txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        let serve: [String] =
            [
                "serve", "--listen", "127.0.0.1:\(port)", "--data-dir", data.path, "--poll-interval",
                String(pollInterval),
                // Codes outlive the run, so the expiry service does no work in the middle of a measurement.
                "--code-lifetime", "3600",
                // The benchmark's RS (BenchmarkResourceServer), for the introspection scenario.
                "--resource-servers", resourceServers.path,
            ] + (database.map { ["--database", $0] } ?? [])
            + (databasePasswordFile.map { ["--database-password-file", $0] } ?? [])
            + (publicURL.map { ["--public-url", $0] } ?? [])
        if let callgrindOutput {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                (callgrindPreload.map { ["LD_PRELOAD=\($0)"] } ?? [])
                + [
                    "valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=\(callgrindOutput)",
                    gnapterm,
                ] + serve
        } else {
            process.executableURL = URL(fileURLWithPath: gnapterm)
            process.arguments = serve
        }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let base = try await waitForListeningLine(in: output, process: process, errors: errors)
        let address = port == 0 ? String(base.dropFirst("http://".count)) : "127.0.0.1:\(port)"
        return ASProcess(process: process, dataDirectory: data, baseURL: base, address: address)
    }

    private init(process: Process, dataDirectory: URL, baseURL: String, address: String) {
        self.process = process
        self.dataDirectory = dataDirectory
        self.baseURL = baseURL
        self.address = address
    }

    /// The one-time code `serve` wrote on first start for enrolling the admin's first device.
    func bootstrapCode() throws -> String {
        let url = dataDirectory.appendingPathComponent("bootstrap-enrollment-code")
        return try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// `serve` prints "gnapterm AS listening on http://HOST:PORT (...)" once the listener is bound.
    private static func waitForListeningLine(in output: URL, process: Process, errors: URL) async throws -> String {
        let marker = "gnapterm AS listening on "
        // Minutes under valgrind, a moment otherwise.
        for _ in 0..<3000 {
            if let text = try? String(contentsOf: output, encoding: .utf8), let range = text.range(of: marker) {
                let rest = text[range.upperBound...]
                if let end = rest.firstIndex(where: { $0 == " " || $0 == "\n" }) {
                    return String(rest[..<end])
                }
            }
            guard process.isRunning else {
                let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
                throw BenchmarkFailure("gnapterm serve exited with status \(process.terminationStatus): \(message)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw BenchmarkFailure("gnapterm serve did not report its address within 5 minutes")
    }
}

/// A reason the benchmark cannot go on or its result is not valid; printed and turned into a non-zero exit.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
