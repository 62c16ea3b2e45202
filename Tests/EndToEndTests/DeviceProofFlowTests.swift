import ChildProcessTestSupport
import Foundation
import HTTPMessageSignatures
import TerminalStorage
import Testing

/// `gnapterm device --proof` with each key-proofing method of RFC 9635 §7.3 against `gnapterm serve`: the grant
/// request, the approval, the token, its rotation (§6.1), a rotation of the device key with the method's double proof
/// (§6.1.1; refused by the client for mtls, §7.3.2.1), a call with the new key, and the revocation (§6.2). mtls runs
/// against the AS over TLS with an openssl-made certificate, which the device and the approver trust with `--ca`.
extension EndToEnd {
    @Suite("device --proof: every method end to end", .timeLimit(.minutes(5)))
    struct DeviceProofFlowTests {
        static let access = #"[{"type":"photo-api","actions":["read"]}]"#

        static func json(_ text: String) -> [String: Any]? {
            try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        }

        static func tokenValue(_ text: String) -> String? {
            (json(text)?["access_token"] as? [String: Any])?["value"] as? String
        }

        @Test(arguments: ["httpsig", "jwsd", "jws", "mtls"])
        func deviceApproveTokenRotateRevoke(_ method: String) async throws {
            // The AS's certificate (for localhost and 127.0.0.1); it asks every client for a certificate.
            let certificate = method == "mtls" ? try OpenSSLCertificate.selfSigned() : nil
            defer { certificate?.remove() }
            let server = try await ASProcess.start(
                extraArguments: certificate.map { ["--tls-cert", $0.certificatePath, "--tls-key", $0.keyPath] } ?? [])
            defer { server.stop() }
            #expect(server.url.hasPrefix(certificate == nil ? "http://" : "https://"))
            let trust = certificate.map { ["--ca", $0.certificatePath] } ?? []
            let home = try Binary.temporaryDirectory("device-\(method)").path

            let device = try RunningProcess(
                ["device", "--as", server.url, "--json", "--home", home, "--access", Self.access, "--proof", method]
                    + trust)
            defer { device.stop() }
            try await device.waitForOutput("\"user_code\"")
            let code = try #require(Self.json(device.stdoutLines[0])?["user_code"] as? String)
            let approver = try RunningProcess(
                [
                    "approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home",
                    try Binary.temporaryDirectory("approver").path, "--plain",
                ] + trust, standardInput: "\(code)\napprove\nyes\n")
            #expect(try await approver.exitStatus() == 0, "\(approver.stdout)\(approver.stderr)")
            #expect(try await device.exitStatus() == 0, "\(device.stderr)")
            let issued = try #require(Self.tokenValue(device.stdoutLines.last ?? ""))

            func token(_ action: String) async throws -> (status: Int32, stdout: String, stderr: String) {
                let process = try RunningProcess(["device", "token", action, "--home", home])
                let status = try await process.exitStatus()
                return (status, process.stdout, process.stderr)
            }
            let shown = try await token("show")
            #expect(Self.tokenValue(shown.stdout) == issued)
            #expect(Self.json(shown.stdout)?["proof"] as? String == method)

            let rotated = try await token("rotate")
            #expect(rotated.status == 0, "\(rotated.stderr)")
            let second = try #require(Self.tokenValue(rotated.stdout))
            #expect(second != issued)

            let keyRotation = try await token("rotate-key")
            if method == "mtls" {
                #expect(keyRotation.status == 1)
                #expect(
                    keyRotation.stderr
                        == "gnapterm device token rotate-key: a key proven with mtls cannot be rotated by the client "
                        + "(RFC 9635 §7.3.2.1); run gnapterm device again with the new certificate\n")
            } else {
                #expect(keyRotation.status == 0, "\(keyRotation.stderr)")
                #expect(keyRotation.stdout.hasPrefix("Rotated the device key: "))
                // The AS confirmed: the home holds the new key, once, under the device's name; the old one is gone.
                let newThumbprint = keyRotation.stdout.components(separatedBy: " → ").last?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let local = try LocalDatabase.open(directory: URL(fileURLWithPath: home))
                #expect(try await local.clientKeyNames() == ["device"])
                let stored = try #require(try await local.clientKey(name: "device"))
                #expect(try stored.publicKey.thumbprint() == newThumbprint)
                // The token moved with the client instance: the new key manages it.
                let afterKeyRotation = try await token("rotate")
                #expect(afterKeyRotation.status == 0, "\(afterKeyRotation.stderr)")
                #expect(Self.tokenValue(afterKeyRotation.stdout).map { $0 != second } == true)
            }

            let revoked = try await token("revoke")
            #expect(revoked.status == 0, "\(revoked.stderr)")
            #expect(revoked.stderr == "Revoked 1 token(s); the grant is forgotten.\n")
        }
    }
}
