import AsyncHTTPClient
import NIOCore
import NIOHTTP1

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

    public init() {}

    public func post(_ body: [UInt8], to url: String, timeout: Duration) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "gnapterm-as")
        request.body = .bytes(ByteBuffer(bytes: body))
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        let response = try await Self.client.execute(request, timeout: .milliseconds(milliseconds))
        _ = try? await response.body.collect(upTo: Self.maximumResponseSize)
        return Int(response.status.code)
    }
}
