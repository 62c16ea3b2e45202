import ChildProcessTestSupport
import Foundation
import Testing

/// `gnapterm rs --tls-cert --tls-key` with openssl-made certificates: `gnapterm call --proof` with each method of
/// RFC 9635 §7.3 against it (the AS over TLS too, the RS trusting it with `--ca`), its certificate reloaded on
/// SIGHUP like the AS's.
extension EndToEnd {
    @Suite("rs over TLS: call --proof, reload on SIGHUP", .timeLimit(.minutes(3)))
    struct ResourceServerTLSTests {
        /// A running `gnapterm rs` and the base URL it printed.
        struct RS {
            let process: RunningProcess
            let base: String

            var port: Int { Int(base.split(separator: ":").last ?? "") ?? 0 }

            static func start(_ arguments: [String]) async throws -> RS {
                let process = try RunningProcess(["rs", "--listen", "127.0.0.1:0"] + arguments)
                try await process.waitForOutput("resource reference: ")
                guard let line = process.stdoutLines.first(where: { $0.contains("listening on ") }),
                    let base = line.split(separator: " ").first(where: { $0.hasPrefix("https://") })
                else { throw E2EError("unexpected rs output: \(process.stdout) \(process.stderr)") }
                return RS(process: process, base: String(base))
            }
        }

        /// The AS (over TLS with `certificate` when given) knowing the RS's key, and the RS over TLS with `served`.
        static func startASAndRS(
            asCertificate: OpenSSLCertificate?, served: OpenSSLCertificate
        ) async throws -> (ASProcess, RS) {
            let directory = try Binary.temporaryDirectory("rs-tls")
            let entry = try PipedCommand.run(["rs", "--data-dir", directory.path, "--show-key"], stdin: [])
            guard entry.status == 0 else { throw E2EError("rs --show-key failed: \(entry.stderr)") }
            let registry = directory.appendingPathComponent("resource-servers.json")
            try Data(entry.stdout).write(to: registry)
            let tls = asCertificate.map { ["--tls-cert", $0.certificatePath, "--tls-key", $0.keyPath] } ?? []
            let server = try await ASProcess.start(extraArguments: ["--resource-servers", registry.path] + tls)
            let rs = try await RS.start(
                [
                    "--as", server.url, "--data-dir", directory.path, "--tls-cert", served.certificatePath,
                    "--tls-key", served.keyPath,
                ] + (asCertificate.map { ["--ca", $0.certificatePath] } ?? []))
            return (server, rs)
        }

        static func object(_ line: String?) -> [String: Any]? {
            line.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }

        @Test(arguments: ["httpsig", "jwsd", "jws", "mtls"])
        func callProvesEachMethodToTheRSOverTLS(_ method: String) async throws {
            // One certificate for localhost and 127.0.0.1 serves the AS and the RS; the clients trust it with --ca.
            let certificate = try OpenSSLCertificate.selfSigned()
            defer { certificate.remove() }
            let (server, rs) = try await Self.startASAndRS(asCertificate: certificate, served: certificate)
            defer {
                rs.process.stop()
                server.stop()
            }
            let notes = rs.base + "/notes"
            let home = try Binary.temporaryDirectory("call-\(method)").path
            let trust = ["--ca", certificate.certificatePath]
            let call = try RunningProcess(
                ["call", "--home", home, "--json", "--proof", method, notes] + trust)
            defer { call.stop() }
            try await call.waitForOutput("\"user_code\"")
            let code = try #require(Self.object(call.stdoutLines.first)?["user_code"] as? String)
            let approver = try RunningProcess(
                [
                    "approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home",
                    try Binary.temporaryDirectory("approver").path, "--plain",
                ] + trust, standardInput: "\(code)\napprove\nyes\n")
            #expect(try await approver.exitStatus() == 0, "\(approver.stdout)\(approver.stderr)")
            #expect(try await call.exitStatus() == 0, "\(call.stderr)")
            let answer = try #require(Self.object(call.stdoutLines.last))
            #expect(answer["event"] as? String == "response")
            #expect(answer["status"] as? Int == 200)

            // The stored token again, proven by the stored method without --proof; no new grant may be asked for.
            let write = try PipedCommand.run(
                ["call", "--home", home, "-X", "POST", "-d", #"{"text":"over TLS"}"#, "--no-request-access", notes]
                    + trust, stdin: [])
            #expect(write.status == 0, "\(write.stderr)")
            let read = try PipedCommand.run(["call", "--home", home, "--no-request-access", notes] + trust, stdin: [])
            #expect(read.status == 0, "\(read.stderr)")
            #expect(read.stdoutText.contains("over TLS"))
        }

        @Test func theRSReloadsItsCertificateOnSIGHUP() async throws {
            let first = try OpenSSLCertificate.selfSigned(commonName: "first")
            let second = try OpenSSLCertificate.selfSigned(commonName: "second")
            let served = try OpenSSLCertificate.selfSigned(commonName: "served")
            defer {
                for made in [first, second, served] { made.remove() }
            }
            try first.copy(over: served)
            let (server, rs) = try await Self.startASAndRS(asCertificate: nil, served: served)
            defer {
                rs.process.stop()
                server.stop()
            }
            /// Whether curl reaches the RS trusting only `ca` (the notes API answers 401 without a token).
            func curlTrusts(_ ca: OpenSSLCertificate) throws -> Bool {
                try ChildProcess.run([
                    "curl", "-sS", "-o", "/dev/null", "--cacert", ca.certificatePath, rs.base + "/notes",
                ]).status == 0
            }
            #expect(try curlTrusts(first))
            #expect(try !curlTrusts(second))

            try second.copy(over: served)
            kill(rs.process.process.processIdentifier, SIGHUP)
            #expect(try await ServeTLSReloadTests.eventually { try curlTrusts(second) })
            #expect(try !curlTrusts(first))
            // A broken file: the second certificate stays in service.
            try "not a certificate".write(toFile: served.certificatePath, atomically: true, encoding: .utf8)
            kill(rs.process.process.processIdentifier, SIGHUP)
            #expect(
                try await ServeTLSReloadTests.eventually { rs.process.stderr.contains("TLS certificate reload failed") }
            )
            #expect(try curlTrusts(second))
        }
    }
}
