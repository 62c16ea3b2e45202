import GNAP
import HTTPTypes
import Hummingbird

/// A received request reduced to what signature checks and handlers need: the head as the client addressed it
/// (scheme and authority of the public URL, so `@target-uri` matches what the client signed), the exact body bytes,
/// and the peer.
struct SignedRequest: Sendable {
    var head: HTTPRequest
    var body: [UInt8]
    var peer: String?

    /// Reads a request of the JSON APIs: content must be `application/json` (checked before any of it is read,
    /// ``JSONContentType``), at most ``RequestLimits/maximumBodySize`` bytes, and nest no deeper than
    /// ``RequestLimits/maximumJSONDepth``.
    static func read(_ request: Request, context: ASRequestContext, publicURL: PublicURL, limits: RequestLimits)
        async throws(APIError) -> SignedRequest
    {
        var request = request
        if JSONContentType.announcesContent(request.head) { try JSONContentType.check(request.head) }
        let limit = limits.maximumBodySize
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, GNAPError(.invalidRequest, "the request body exceeds \(limit) bytes"))
        }
        let body = Array(buffer.readableBytesView)
        if !body.isEmpty {
            // Content the head did not announce (HTTP/1.0 style, read to the end) is held to the same rule.
            try JSONContentType.check(request.head)
            do {
                try GNAPJSON.checkNesting(body, maximumDepth: limits.maximumJSONDepth)
            } catch {
                throw APIError(error)
            }
        }
        var head = request.head
        let (scheme, authority) = publicURL.schemeAndAuthority
        head.scheme = scheme
        head.authority = authority
        return SignedRequest(head: head, body: body, peer: context.peer)
    }

    /// The `@target-uri` as the AS reconstructs it, quoted in signature errors to make mismatches obvious.
    var targetURI: String { "\(head.scheme ?? "http")://\(head.authority ?? "")\(head.path ?? "")" }

    /// The token of an `Authorization: GNAP <token>` header (RFC 9635 §7.2), if present.
    var gnapToken: String? {
        guard let value = head.headerFields[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "gnap" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }
}
