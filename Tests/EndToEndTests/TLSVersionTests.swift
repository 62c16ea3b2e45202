import ChildProcessTestSupport
import Foundation
import Testing

/// TLS 1.2 is the oldest version `serve` and `rs` speak: `openssl s_client`, an independent client, is refused with
/// TLS 1.0 and 1.1 and accepted with 1.2 and 1.3. The old versions are offered at OpenSSL security level 0 (the
/// default level no longer allows them); an `openssl s_server` that accepts TLS 1.1 first shows that the local
/// openssl really can offer them, so a refusal comes from our server.
extension EndToEnd {
    @Suite("serve and rs: TLS 1.2 or later only", .timeLimit(.minutes(2)))
    struct TLSVersionTests {
        /// The cipher a handshake with only `version` (`tls1`, `tls1_1`, `tls1_2`, `tls1_3`) agreed on; nil when the
        /// handshake failed.
        static func handshake(port: Int, _ version: String) throws -> String? {
            let output = try ChildProcess.run(
                [
                    "openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", "-\(version)",
                    "-cipher", "DEFAULT:@SECLEVEL=0",
                ], mergeStandardError: true)
            let expected = [
                "tls1": "TLSv1", "tls1_1": "TLSv1.1", "tls1_2": "TLSv1.2", "tls1_3": "TLSv1.3",
            ][version]
            // "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384" ("New, (NONE), Cipher is (NONE)" when it failed); the
            // version there is the cipher's, so the session's "Protocol  : TLSv1.1" names the protocol when printed
            // (it is not for TLS 1.3, whose session arrives after the handshake).
            let lines = output.stdoutText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            guard output.status == 0, let line = lines.first(where: { $0.hasPrefix("New, ") }) else { return nil }
            let parts = line.dropFirst("New, ".count).components(separatedBy: ", Cipher is ")
            let session = lines.first { $0.hasPrefix("Protocol  :") }?.split(separator: ":").last?
                .trimmingCharacters(in: .whitespaces)
            guard parts.count == 2, (session ?? parts[0]) == expected, parts[1] != "(NONE)" else { return nil }
            return parts[1]
        }

        /// A free loopback port (bound, read and closed).
        static func freePort() throws -> Int {
            let output = try ChildProcess.run([
                "python3", "-c",
                "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()",
            ])
            guard let port = Int(output.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw E2EError("no free port: \(output.stderr)")
            }
            return port
        }

        /// Whether the local openssl negotiates TLS 1.0 and 1.1 with a server of its own that allows them.
        static func opensslOffersOldVersions(_ certificate: OpenSSLCertificate) async throws -> Bool {
            let port = try freePort()
            let server = try RunningProcess(
                [
                    "openssl", "s_server", "-www", "-accept", "127.0.0.1:\(port)", "-cert", certificate.certificatePath,
                    "-key", certificate.keyPath, "-cipher", "DEFAULT:@SECLEVEL=0",
                ], executable: URL(fileURLWithPath: "/usr/bin/env"))
            defer { server.stop() }
            try await server.waitForOutput("ACCEPT")
            return try handshake(port: port, "tls1_1") != nil && handshake(port: port, "tls1") != nil
        }

        @Test func oldVersionsAreRefusedAndTLS12And13Accepted() async throws {
            let certificate = try OpenSSLCertificate.selfSigned()
            defer { certificate.remove() }
            guard try await Self.opensslOffersOldVersions(certificate) else {
                try Test.cancel(
                    Comment(
                        rawValue: "the local openssl cannot negotiate TLS 1.0/1.1 even at security level 0 with its "
                            + "own server, so a refusal would prove nothing"))
            }
            let directory = try Binary.temporaryDirectory("rs-versions")
            let entry = try PipedCommand.run(["rs", "--data-dir", directory.path, "--show-key"], stdin: [])
            #expect(entry.status == 0, "\(entry.stderr)")
            let registry = directory.appendingPathComponent("resource-servers.json")
            try Data(entry.stdout).write(to: registry)
            let tls = ["--tls-cert", certificate.certificatePath, "--tls-key", certificate.keyPath]
            let server = try await ASProcess.start(extraArguments: ["--resource-servers", registry.path] + tls)
            defer { server.stop() }
            let rs = try await ResourceServerTLSTests.RS.start(
                ["--as", server.url, "--data-dir", directory.path, "--ca", certificate.certificatePath] + tls)
            defer { rs.process.stop() }
            let asPort = try #require(Int(server.url.split(separator: ":").last ?? ""))

            for (name, port) in [("serve", asPort), ("rs", rs.port)] {
                #expect(try Self.handshake(port: port, "tls1") == nil, "\(name) accepted TLS 1.0")
                #expect(try Self.handshake(port: port, "tls1_1") == nil, "\(name) accepted TLS 1.1")
                #expect(try Self.handshake(port: port, "tls1_2") != nil, "\(name) refused TLS 1.2")
                #expect(try Self.handshake(port: port, "tls1_3") != nil, "\(name) refused TLS 1.3")
            }
        }
    }
}
