import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1

/// ``HTTPTransport`` over AsyncHTTPClient.
public struct AsyncHTTPTransport: HTTPTransport {
    let client: HTTPClient
    /// Per-request timeout.
    public var timeout: TimeAmount
    /// Largest response body accepted.
    public var maximumResponseSize: Int

    /// A process-wide client that fails fast: a refused or unreachable AS is reported after one attempt (the
    /// callers, such as the continuation poller, decide about retries with their own backoff). Never shut down,
    /// like `HTTPClient.shared`.
    public static let failFastClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        // Well below the AS's idle timeout (60 s by default): a pooled connection is dropped here before the AS closes
        // it, so a request is never sent on a connection the AS is closing at that moment (which resets it).
        configuration.connectionPool.idleTimeout = .seconds(20)
        configuration.timeout.connect = .seconds(5)
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// - Parameters:
    ///   - client: default ``failFastClient``.
    ///   - timeout: default 30 seconds.
    ///   - maximumResponseSize: default 1 MiB.
    public init(
        client: HTTPClient = AsyncHTTPTransport.failFastClient, timeout: TimeAmount = .seconds(30),
        maximumResponseSize: Int = 1 << 20
    ) {
        self.client = client
        self.timeout = timeout
        self.maximumResponseSize = maximumResponseSize
    }

    public func send(_ request: HTTPRequest, body: [UInt8]) async throws(GNAPClientError) -> (HTTPResponse, [UInt8]) {
        guard let url = request.url?.absoluteString else { throw .invalidURL(request.path ?? "") }
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headerFields { outgoing.headers.add(name: field.name.rawName, value: field.value) }
        if !body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(outgoing, timeout: timeout)
            var collected = try await response.body.collect(upTo: maximumResponseSize)
            var fields = HTTPFields()
            for header in response.headers {
                if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
            }
            let status = HTTPResponse.Status(code: Int(response.status.code))
            return (
                HTTPResponse(status: status, headerFields: fields),
                collected.readBytes(length: collected.readableBytes) ?? []
            )
        } catch {
            throw .transport(Self.describe(error, url: url))
        }
    }

    /// A short reason for a network failure and what to do about it; NIO's own descriptions are long and
    /// repetitive, and a TLS library's name its build paths.
    static func describe(_ error: any Error, url: String) -> String {
        let text = String(describing: error)
        let type = String(reflecting: Swift.type(of: error))
        if text.contains("Connection refused") {
            return "connection refused (\(url)); is the AS running at that address?"
        }
        if text.contains("connectTimeout") || text.contains("Timeout") { return "timed out (\(url))" }
        if let error = error as? HTTPClientError, error == .remoteConnectionClosed {
            return "the connection was closed (\(url))"
        }
        if type.contains("NIOSSL") || text.contains("SSL") || text.contains("TLS") {
            let origin = URL(string: url).flatMap { parsed in
                parsed.host.map { "http://\($0)" + (parsed.port.map { ":\($0)" } ?? "") }
            }
            return "the TLS handshake with \(url) failed; if the AS speaks plain HTTP, use "
                + (origin ?? "its http:// address")
        }
        if text.contains("NXDOMAIN") || text.contains("resolve") || text.contains("getaddrinfo") {
            return "cannot resolve the host name of \(url); check the address"
        }
        // Anything else: its first line, short, never a multi-line dump.
        let line = text.split(separator: "\n").first.map(String.init) ?? text
        return (line.count > 160 ? String(line.prefix(160)) + "…" : line) + " (\(url))"
    }
}
