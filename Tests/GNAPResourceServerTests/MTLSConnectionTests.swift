import ChildProcessTestSupport
import Foundation
import GNAP
import GNAPResourceServer
import Hummingbird
import NIOCore
import ServerTLS
import Testing

/// The RS over its own TLS (`HTTPServerBuilder.reloadableTLS`): an mtls-bound token is proven by the client
/// certificate of the connection (`BasicGNAPRequestContext.tlsPeer`, RFC 9635 §7.3.2), here presented by `curl` with
/// openssl-made certificates.
@Suite struct MTLSConnectionTests {
    /// `curl` to `GET /notes` over TLS with the token, presenting `client` when given; the status and the body.
    static func curl(port: Int, trust: OpenSSLCertificate, client: OpenSSLCertificate?) throws -> (Int, String) {
        var arguments = [
            "curl", "-sS", "--cacert", trust.certificatePath, "-H", "Authorization: GNAP CERT", "-w", "\n%{http_code}",
        ]
        if let client { arguments += ["--cert", client.certificatePath, "--key", client.keyPath] }
        let output = try ChildProcess.run(arguments + ["https://127.0.0.1:\(port)/notes"])
        let lines = output.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    @Test func theConnectionsClientCertificateProvesAnMTLSBoundToken() async throws {
        let server = try OpenSSLCertificate.selfSigned()
        let device = try OpenSSLCertificate.selfSigned(commonName: "device", subjectAltNames: nil)
        let other = try OpenSSLCertificate.selfSigned(commonName: "other", subjectAltNames: nil)
        defer {
            for made in [server, device, other] { made.remove() }
        }
        let der = try device.certificateDER()
        let harness = try RSHarness()
        harness.introspector.activate(
            "CERT",
            ProofMethodGateTests.token(
                ClientKeyValue(proof: ProofMethod(method: "mtls"), jwk: nil, cert: Data(der).base64EncodedString()),
                harness))
        let holder = try TLSContextHolder(
            ServerTLSSettings(files: TLSFiles(certificateChain: server.certificatePath, privateKey: server.keyPath)))
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: harness.router(), server: .reloadableTLS(holder: holder),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in bound.yield(channel.localAddress?.port ?? 0) })
        let running = Task { try await application.run() }
        defer { running.cancel() }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        let keyThumbprint = try #require(try ClientCertificate(der: der).publicJWK?.thumbprint())
        let (status, body) = try Self.curl(port: port, trust: server, client: device)
        #expect(status == 200, "\(body)")
        #expect(body == "read by alice with \(keyThumbprint)")
        let (withoutStatus, withoutBody) = try Self.curl(port: port, trust: server, client: nil)
        #expect(withoutStatus == 401)
        #expect(withoutBody.contains("invalid_signature"))
        let (otherStatus, otherBody) = try Self.curl(port: port, trust: server, client: other)
        #expect(otherStatus == 401)
        #expect(otherBody.contains("the TLS client certificate is not the client's certificate"))
    }
}
