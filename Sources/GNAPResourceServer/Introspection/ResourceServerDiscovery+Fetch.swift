import Foundation
import GNAP
import GNAPClient
import HTTPTypes

extension ResourceServerDiscovery {
    /// Reads and checks the AS's RS-facing discovery document (RFC 9767 §3.1) at `asBase` +
    /// `/.well-known/gnap-as-rs`. `allowHTTP` admits `http` endpoints, for local development and tests only.
    public static func fetch(
        asBase: String, transport: any HTTPTransport = AsyncHTTPTransport(), allowHTTP: Bool = false
    ) async throws(IntrospectionFailure) -> ResourceServerDiscovery {
        let trimmed = asBase.hasSuffix("/") ? String(asBase.dropLast()) : asBase
        guard let url = URL(string: trimmed + wellKnownPath), url.host != nil else {
            throw .malformedResponse("'\(asBase)' is not an absolute URL")
        }
        var request = HTTPRequest(method: .get, url: url)
        request.headerFields[.accept] = "application/json"
        let response: HTTPResponse
        let body: [UInt8]
        do {
            (response, body) = try await transport.send(request, body: [])
        } catch {
            throw .exchange(error)
        }
        guard response.status == .ok else {
            throw .malformedResponse("the discovery document answered \(response.status.code)")
        }
        let document: ResourceServerDiscovery
        do {
            document = try GNAPJSON.decodeRequest(ResourceServerDiscovery.self, from: body)
            try document.validate(allowHTTP: allowHTTP)
        } catch {
            throw .malformedResponse(error.errorDescription ?? "the discovery document is malformed")
        }
        return document
    }
}
