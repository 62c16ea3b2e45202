import ChildProcessTestSupport
import Foundation
import Testing

/// `gnapterm device --proof` refuses what cannot work with one readable line, before any grant request: an unknown
/// method, `--cert`/`--key` apart or without mtls, a key that is not the certificate's, an Ed25519 certificate (which
/// the TLS library cannot present), and mtls at an AS that does not offer it.
extension EndToEnd {
    @Suite("device --proof: bad options", .timeLimit(.minutes(2)))
    struct DeviceProofOptionTests {
        static let access = #"[{"type":"photo-api","actions":["read"]}]"#

        /// Runs `gnapterm device` against `server` with `arguments`; its status and standard error.
        static func device(_ arguments: [String], server: String = "http://127.0.0.1:1") async throws -> (
            status: Int32, stderr: String
        ) {
            let process = try RunningProcess(
                [
                    "device", "--as", server, "--access", access, "--home",
                    try Binary.temporaryDirectory("device").path,
                ] + arguments)
            let status = try await process.exitStatus()
            return (status, process.stderr)
        }

        @Test func badProofOptionsGiveOneReadableLine() async throws {
            let mine = try OpenSSLCertificate.selfSigned(commonName: "device", subjectAltNames: nil)
            let other = try OpenSSLCertificate.selfSigned(commonName: "other", subjectAltNames: nil)
            let edwards = try OpenSSLCertificate.selfSigned(
                commonName: "ed25519 device", subjectAltNames: nil, keyType: .ed25519)
            defer {
                for made in [mine, other, edwards] { made.remove() }
            }
            let unknown = try await Self.device(["--proof", "dpop"])
            #expect(unknown.status == 64)
            #expect(unknown.stderr.contains("unknown --proof method 'dpop'; use httpsig, mtls, jwsd or jws"))

            let notMTLS = try await Self.device([
                "--proof", "jwsd", "--cert", mine.certificatePath, "--key", mine.keyPath,
            ])
            #expect(notMTLS.status == 64)
            #expect(notMTLS.stderr.contains("--cert and --key are for --proof mtls (the TLS client certificate)"))

            let alone = try await Self.device(["--proof", "mtls", "--cert", mine.certificatePath])
            #expect(alone.status == 64)
            #expect(alone.stderr.contains("give both --cert and --key, or neither"))

            // Checked before the AS is contacted (this address refuses connections).
            let mismatch = try await Self.device([
                "--proof", "mtls", "--cert", mine.certificatePath, "--key", other.keyPath,
            ])
            #expect(mismatch.status == 1)
            #expect(
                mismatch.stderr
                    == "gnapterm device: the key file '\(other.keyPath)' is not the key of the certificate\n")

            let ed25519 = try await Self.device([
                "--proof", "mtls", "--cert", edwards.certificatePath, "--key", edwards.keyPath,
            ])
            #expect(ed25519.status == 1)
            #expect(ed25519.stderr.contains("the TLS client certificate's key must be P-256, P-384 or RSA"))
            #expect(ed25519.stderr.split(separator: "\n").count == 1)
        }

        @Test func mtlsAtAnASWithoutTLSIsRefusedBeforeTheRequest() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let refused = try await Self.device(["--proof", "mtls"], server: server.url)
            #expect(refused.status == 1)
            #expect(
                refused.stderr
                    == "gnapterm device: the AS does not accept the proof method 'mtls'; it offers httpsig, jwsd, jws\n"
            )
        }
    }
}
