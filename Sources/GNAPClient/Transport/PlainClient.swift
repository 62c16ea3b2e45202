import Foundation
import GNAP
import HTTPTypes

/// Unsigned requests without content (discovery and published keys only).
struct PlainClient: Sendable {
    let transport: any HTTPTransport

    func get<Response: Decodable>(_ url: String, as type: Response.Type) async throws(GNAPClientError) -> Response {
        try await send(.get, url, as: type)
    }

    func send<Response: Decodable>(_ method: HTTPRequest.Method, _ url: String, as type: Response.Type)
        async throws(GNAPClientError) -> Response
    {
        guard let parsed = URL(string: url), parsed.scheme != nil, parsed.host != nil else { throw .invalidURL(url) }
        var request = HTTPRequest(method: method, url: parsed)
        request.headerFields[.accept] = "application/json"
        let (response, bytes) = try await transport.send(request, body: [])
        return try SignedClient.decode(response, bytes, as: type)
    }
}
