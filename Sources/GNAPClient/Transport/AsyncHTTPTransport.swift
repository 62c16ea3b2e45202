import AsyncHTTPClient
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

    /// - Parameters:
    ///   - client: default `HTTPClient.shared`.
    ///   - timeout: default 30 seconds.
    ///   - maximumResponseSize: default 1 MiB.
    public init(client: HTTPClient = .shared, timeout: TimeAmount = .seconds(30), maximumResponseSize: Int = 1 << 20) {
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
            throw .transport(String(describing: error))
        }
    }
}
