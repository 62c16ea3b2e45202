import ChildProcessTestSupport
import Foundation
import GNAP
import GNAPClient
import GNAPResourceServer
import HTTPTypes
import Hummingbird
import NIOCore
import ServerTLS
import Testing

/// The RS over its own TLS (`HTTPServerBuilder.reloadableTLS`): an mtls-bound token is proven by the client
/// certificate of the connection (`BasicGNAPRequestContext.tlsPeer`, RFC 9635 §7.3.2), here presented through
/// `ClientTLS` with openssl-made certificates. (In process rather than by curl: `ChildProcess` passes every open
/// descriptor to its child, and curl runs here kept a parallel connection-limit test's connection from closing.)
@Suite struct MTLSConnectionTests {
    /// `GET /notes` over TLS with the token, presenting `client` when given (AsyncHTTPClient through
    /// `ClientTLS`); the status and the body.
    static func get(port: Int, trust: OpenSSLCertificate, client: OpenSSLCertificate?) async throws -> (Int, String) {
        let tls: ClientTLS
        if let client {
            let (chain, key) = try ClientTLS.pemFiles(certificate: client.certificatePath, key: client.keyPath)
            tls = try ClientTLS(trustedCAFile: trust.certificatePath, certificateChain: chain, privateKey: key)
        } else {
            tls = try ClientTLS(trustedCAFile: trust.certificatePath)
        }
        var request = HTTPRequest(method: .get, url: URL(string: "https://127.0.0.1:\(port)/notes")!)
        request.headerFields[.authorization] = "GNAP CERT"
        let (response, body) = try await AsyncHTTPTransport(tls: tls).send(request, body: [])
        return (response.status.code, String(decoding: body, as: UTF8.self))
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
        var port = 0
        for await value in ports {
            port = value
            break
        }
        let keyThumbprint = try #require(try ClientCertificate(der: der).publicJWK?.thumbprint())
        let (status, body) = try await Self.get(port: port, trust: server, client: device)
        #expect(status == 200, "\(body)")
        #expect(body == "read by alice with \(keyThumbprint)")
        let (withoutStatus, withoutBody) = try await Self.get(port: port, trust: server, client: nil)
        #expect(withoutStatus == 401)
        #expect(withoutBody.contains("invalid_signature"))
        let (otherStatus, otherBody) = try await Self.get(port: port, trust: server, client: other)
        #expect(otherStatus == 401)
        #expect(otherBody.contains("the TLS client certificate is not the client's certificate"))
        running.cancel()
        try? await running.value
    }
}
