import HTTPTypes

/// Sends one HTTP request and returns the response with its whole body. The seam between the no-I/O signing
/// logic and the network.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, body: [UInt8]) async throws(GNAPClientError) -> (HTTPResponse, [UInt8])
}
