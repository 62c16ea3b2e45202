import GNAP
import HTTPTypes
import Hummingbird

/// A received request reduced to what key proofs and handlers need: the head as the client addressed it (scheme and
/// authority of the public URL, so `@target-uri` and a JWS `uri` match what the client signed), the exact body
/// bytes, the JSON content they stand for, the peer and where its client certificate comes from.
struct SignedRequest: Sendable {
    var head: HTTPRequest
    /// The body as received, byte for byte: what signatures and JWS proofs cover.
    var body: [UInt8]
    /// The JSON the request stands for: the body, or for an `application/jose` body the JWS payload (RFC 9635 §7.3.4:
    /// the verifier "MUST ... treat as the request content for further processing"). Read before the proof is
    /// checked, because the key that checks it may be in it; the proof then covers exactly these bytes.
    var content: [UInt8]
    /// Whether the body is a JWS (`application/jose`).
    var isJOSE: Bool
    var peer: String?
    /// The TLS client certificate, or a trusted proxy's header carrying it (`mtls`, §7.3.2).
    var clientCertificate: ClientCertificateSource = .none

    /// Reads a request of the JSON APIs: content must be `application/json` (or `application/jose` when
    /// `acceptingJOSE`, the RFC 9635 endpoints), checked before any of it is read (``JSONContentType``), at most
    /// ``RequestLimits/maximumBodySize`` bytes, and nest no deeper than ``RequestLimits/maximumJSONDepth``.
    static func read(
        _ request: Request, context: ASRequestContext, publicURL: PublicURL, limits: RequestLimits,
        acceptingJOSE: Bool = false, clientCertificates: ClientCertificateSource.Origin = .tls
    ) async throws(APIError) -> SignedRequest {
        var request = request
        var isJOSE = false
        if JSONContentType.announcesContent(request.head) {
            isJOSE = try JSONContentType.check(request.head, acceptingJOSE: acceptingJOSE)
        }
        let limit = limits.maximumBodySize
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, GNAPError(.invalidRequest, "the request body exceeds \(limit) bytes"))
        }
        let body = Array(buffer.readableBytesView)
        var content = body
        if !body.isEmpty {
            // Content the head did not announce (HTTP/1.0 style, read to the end) is held to the same rule.
            isJOSE = try JSONContentType.check(request.head, acceptingJOSE: acceptingJOSE)
            if isJOSE { content = try Self.payload(ofJOSE: body) }
            do {
                try GNAPJSON.checkNesting(content, maximumDepth: limits.maximumJSONDepth)
            } catch {
                throw APIError(error)
            }
        }
        var head = request.head
        let (scheme, authority) = publicURL.schemeAndAuthority
        head.scheme = scheme
        head.authority = authority
        return SignedRequest(
            head: head, body: body, content: content, isJOSE: isJOSE, peer: context.peer,
            clientCertificate: ClientCertificateSource(clientCertificates, head: request.head, tls: context.tlsPeer))
    }

    /// The payload of a compact JWS body, unverified: the key proof verifies it later against the client's key.
    private static func payload(ofJOSE body: [UInt8]) throws(APIError) -> [UInt8] {
        do {
            return try JWSProof.unverifiedContent(
                .jws, request: JWSProofRequest(method: "", targetURI: "", content: body))
        } catch {
            throw APIError(GNAPError(.invalidRequest, "the application/jose content is not a compact JWS: \(error)"))
        }
    }

    /// The `@target-uri` as the AS reconstructs it, quoted in signature errors to make mismatches obvious; also the
    /// `uri` a JWS proof must name.
    var targetURI: String { "\(head.scheme ?? "http")://\(head.authority ?? "")\(head.path ?? "")" }

    /// The token of an `Authorization: GNAP <token>` header (RFC 9635 §7.2), if present.
    var gnapToken: String? {
        guard let value = head.headerFields[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "gnap" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }
}
