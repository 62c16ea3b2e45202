import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL
import ServerTLS

/// Sends the `push` finish request (RFC 9635 §4.2.2). A seam so router tests can record pushes.
public protocol FinishPushTransport: Sendable {
    /// POSTs `body` (JSON) to `url`, following no redirect, within `timeout`; returns the HTTP status code.
    func post(_ body: [UInt8], to url: String, timeout: Duration) async throws -> Int
}

/// ``FinishPushTransport`` over AsyncHTTPClient.
public struct AsyncHTTPFinishPushTransport: FinishPushTransport {
    /// A process-wide client that follows no redirect (a redirect could point anywhere, §11.34) and does not retry
    /// connection attempts. Never shut down, like `HTTPClient.shared`.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(3)
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Largest response body read (and discarded).
    static let maximumResponseSize = 16 * 1024

    /// How https callbacks are checked: the system's trust roots, plus the operator's CA when given; TLS 1.2 or
    /// later; the host name must match the certificate.
    let tlsConfiguration: TLSConfiguration

    /// Checks https callbacks against the system's trust roots.
    public init() {
        tlsConfiguration = Self.baseTLS
    }

    /// Checks https callbacks against the system's trust roots and the CA certificates of `trustedCAFile` (PEM;
    /// `serve --push-ca`, for private CAs and tests).
    public init(trustedCAFile: String) throws(TLSSetupError) {
        var tls = Self.baseTLS
        tls.additionalTrustRoots = [.certificates(try PEMFile.certificates(at: trustedCAFile, what: "push CA"))]
        tlsConfiguration = tls
    }

    private static var baseTLS: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        return tls
    }

    public func post(_ body: [UInt8], to url: String, timeout: Duration) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "gnapterm-as")
        request.body = .bytes(ByteBuffer(bytes: body))
        request.tlsConfiguration = tlsConfiguration
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        let response = try await Self.client.execute(request, timeout: .milliseconds(milliseconds))
        _ = try? await response.body.collect(upTo: Self.maximumResponseSize)
        return Int(response.status.code)
    }
}
