import Foundation
import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// Sends requests proven with one key, and decodes JSON answers (or RFC 9635 errors). The proof is made by
/// `method` (RFC 9635 §7.3): a signature under `profile` (`httpsig`), a JWS (`jwsd`, `jws`), or nothing at the HTTP
/// layer (`mtls`: the transport presents the client certificate).
public struct SignedClient: Sendable {
    public let transport: any HTTPTransport
    public let key: SigningKey
    public let profile: SignatureProfile
    public let digest: DigestAlgorithm
    public let method: ClientProofMethod
    let clock: AnyWallClock

    /// - Parameter method: default ``ClientProofMethod/httpsig``; the approver and admin APIs use only that.
    public init<C: Clock & Sendable>(
        transport: any HTTPTransport, key: SigningKey, profile: SignatureProfile, digest: DigestAlgorithm = .sha256,
        method: ClientProofMethod = .httpsig, clock: C
    ) where C.Instant == WallInstant {
        self.transport = transport
        self.key = key
        self.profile = profile
        self.digest = digest
        self.method = method
        self.clock = AnyWallClock(clock)
    }

    /// Signs and sends; `token` goes in `Authorization: GNAP …` (RFC 9635 §7.2) and is covered by the signature.
    public func send<Response: Decodable>(
        _ method: HTTPRequest.Method, url: String, json body: (some Encodable)?, token: String? = nil,
        as type: Response.Type
    ) async throws(GNAPClientError) -> Response {
        let (response, bytes) = try await exchange(method, url: url, json: body, token: token, rotatingTo: nil)
        return try Self.decode(response, bytes, as: type)
    }

    /// Like ``send(_:url:json:token:as:)`` for a key rotation (RFC 9635 §6.1.1), proven by this client's key and by
    /// `newKey`: with httpsig a second signature tagged `gnap-rotate` (§7.3.1.1); with jwsd and jws the current
    /// key's JWS nested in the new key's (§7.3.3.1, §7.3.4.1); mtls has no rotation (§7.3.2.1) and throws.
    public func sendRotation<Response: Decodable>(
        _ method: HTTPRequest.Method, url: String, json body: some Encodable, token: String? = nil,
        newKey: SigningKey, as type: Response.Type
    ) async throws(GNAPClientError) -> Response {
        let (response, bytes) = try await exchange(method, url: url, json: body, token: token, rotatingTo: newKey)
        return try Self.decode(response, bytes, as: type)
    }

    /// Signs and sends a request whose success answer has no content (e.g. `204` for token revocation, §6.2).
    public func sendExpectingNoContent(
        _ method: HTTPRequest.Method, url: String, token: String? = nil
    ) async throws(GNAPClientError) {
        let (response, bytes) = try await exchange(
            method, url: url, json: NoContent?.none, token: token, rotatingTo: nil)
        if response.status.kind != .successful { _ = try Self.decode(response, bytes, as: NoContent.self) }
    }

    private func exchange(
        _ method: HTTPRequest.Method, url: String, json body: (some Encodable)?, token: String?,
        rotatingTo newKey: SigningKey?
    ) async throws(GNAPClientError) -> (HTTPResponse, [UInt8]) {
        guard let parsed = URL(string: url), parsed.scheme != nil, parsed.host != nil else { throw .invalidURL(url) }
        var request = HTTPRequest(method: method, url: parsed)
        var content: [UInt8] = []
        if let body {
            do {
                content = try GNAPJSON.encode(body)
            } catch {
                throw .signing("cannot encode the request")
            }
            request.headerFields[.contentType] = "application/json"
        }
        request.headerFields[.accept] = "application/json"
        if let token { request.headerFields[.authorization] = "GNAP \(token)" }
        let sent = try prove(&request, content: content, token: token, rotatingTo: newKey)
        return try await transport.send(request, body: sent)
    }

    static func decode<Response: Decodable>(_ response: HTTPResponse, _ bytes: [UInt8], as type: Response.Type)
        throws(GNAPClientError) -> Response
    {
        if response.status.kind != .successful {
            let grantResponse = try? GNAPJSON.decode(GrantResponse.self, from: bytes)
            // RFC 9635 §3.6: an error for a pending grant may come with `continue`; the caller needs both.
            if let grantResponse, grantResponse.continue != nil, let continuing = grantResponse as? Response {
                return continuing
            }
            if let error = grantResponse?.error {
                // RFC 9110 §10.2.3: delay-seconds (an HTTP-date form is not sent by this AS and is ignored).
                let retryAfter = response.headerFields[.retryAfter].flatMap { Int($0) }.map { Duration.seconds($0) }
                throw .server(status: response.status.code, error: error, retryAfter: retryAfter)
            }
            throw .server(
                status: response.status.code,
                error: GNAPError(.requestDenied, "HTTP \(response.status.code) without a GNAP error"))
        }
        do {
            return try GNAPJSON.decode(type, from: bytes)
        } catch {
            throw .malformedResponse("expected \(type) JSON")
        }
    }
}

/// An empty JSON body marker for calls without content.
public struct NoContent: Codable, Sendable {}
