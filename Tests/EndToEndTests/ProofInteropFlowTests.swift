import ChildProcessTestSupport
import Foundation
import Testing

/// `gnapterm serve` against clients it has no code in common with: `curl` presenting an openssl-made client
/// certificate for `mtls` (RFC 9635 §7.3.2), and a client written with the PyPI library joserfc (pinned in
/// Tests/python-requirements.txt) proving its requests with `jwsd` (§7.3.3) and `jws` (§7.3.4).
extension EndToEnd {
    @Suite("proof methods against independent clients", .timeLimit(.minutes(3)))
    struct ProofInteropFlowTests {
        static let script = TestPython.packageRoot.appendingPathComponent(
            "Tests/EndToEndTests/python/jose_gnap_client.py"
        ).path

        static func json(_ text: String) -> [String: Any]? {
            try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        }

        static func errorCode(_ body: Any?) -> String? {
            ((body as? [String: Any])?["error"] as? [String: Any])?["code"] as? String
        }

        /// Runs the joserfc client; its JSON result.
        static func joserfc(_ method: String, _ server: ASProcess, tamper: String? = nil) throws -> [String: Any] {
            let output = try ChildProcess.run(
                [TestPython.executable, script, method, server.url] + (tamper.map { [$0] } ?? []))
            guard output.status == 0, let result = json(output.stdoutText) else {
                throw E2EError(
                    "the joserfc client failed (\(output.status)): \(output.stderr) \(TestPython.installHint)")
            }
            return result
        }

        @Test(arguments: ["jwsd", "jws"])
        func aJoserfcClientRequestsAndContinuesAGrant(_ method: String) async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let result = try Self.joserfc(method, server)
            let grant = try #require(result["grant"] as? [String: Any])
            #expect(grant["status"] as? Int == 200, "\(grant)")
            let body = try #require(grant["body"] as? [String: Any])
            #expect(((body["interact"] as? [String: Any])?["user_code"] as? String)?.isEmpty == false)
            #expect((body["instance_id"] as? String)?.isEmpty == false)
            // The continuation presents its token: the proof carries `ath`. Not approved yet, so it waits again.
            let continued = try #require(result["continue"] as? [String: Any])
            #expect(continued["status"] as? Int == 200, "\(continued)")
            #expect(((continued["body"] as? [String: Any])?["continue"] as? [String: Any]) != nil)

            // The same client, its continuation's proof spoilt one way each time: refused (§3.6 invalid_client).
            for tamper in ["htm", "uri", "ath", "typ"] {
                let spoilt = try #require(
                    try Self.joserfc(method, server, tamper: tamper)["continue"] as? [String: Any])
                #expect(spoilt["status"] as? Int == 401, "\(tamper): \(spoilt)")
                #expect(Self.errorCode(spoilt["body"]) == "invalid_client", "\(tamper): \(spoilt)")
            }
        }

        /// `curl` with `--cacert` for the AS and `--cert`/`--key` for the client; the status and the body.
        static func curl(_ server: ASProcess, trust: OpenSSLCertificate, client: OpenSSLCertificate?, body: String)
            throws -> (status: Int, body: [String: Any]?)
        {
            var arguments = [
                "curl", "-sS", "--cacert", trust.certificatePath, "-H", "Content-Type: application/json", "-H",
                "Accept: application/json", "--data-binary", body, "-w", "\n%{http_code}",
            ]
            if let client { arguments += ["--cert", client.certificatePath, "--key", client.keyPath] }
            let output = try ChildProcess.run(arguments + [server.url + "/gnap"])
            guard output.status == 0 else { throw E2EError("curl failed (\(output.status)): \(output.stderr)") }
            let lines = output.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, json(lines.dropLast().joined(separator: "\n")))
        }

        @Test func curlPresentingAnOpenSSLCertificateMakesAnMTLSGrantRequest() async throws {
            let serverCertificate = try OpenSSLCertificate.selfSigned()
            let clientCertificate = try OpenSSLCertificate.selfSigned(commonName: "curl client", subjectAltNames: nil)
            let otherCertificate = try OpenSSLCertificate.selfSigned(commonName: "someone else", subjectAltNames: nil)
            defer {
                for made in [serverCertificate, clientCertificate, otherCertificate] { made.remove() }
            }
            let server = try await ASProcess.start(extraArguments: [
                "--tls-cert", serverCertificate.certificatePath, "--tls-key", serverCertificate.keyPath,
            ])
            defer { server.stop() }
            let request: [String: Any] = [
                "access_token": ["access": [["type": "photo-api", "actions": ["read"]]]],
                "client": [
                    "key": [
                        "proof": "mtls", "cert": Data(try clientCertificate.certificateDER()).base64EncodedString(),
                    ]
                ],
                "interact": ["start": ["user_code"]],
            ]
            let body = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)

            let granted = try Self.curl(server, trust: serverCertificate, client: clientCertificate, body: body)
            #expect(granted.status == 200, "\(granted.body ?? [:])")
            #expect(((granted.body?["interact"] as? [String: Any])?["user_code"] as? String)?.isEmpty == false)
            #expect((granted.body?["instance_id"] as? String)?.isEmpty == false)

            // No client certificate, or one that is not the key's: refused (§3.6 invalid_client).
            let without = try Self.curl(server, trust: serverCertificate, client: nil, body: body)
            #expect(without.status == 401 && Self.errorCode(without.body) == "invalid_client", "\(without)")
            let other = try Self.curl(server, trust: serverCertificate, client: otherCertificate, body: body)
            #expect(other.status == 401 && Self.errorCode(other.body) == "invalid_client", "\(other)")
        }
    }
}
