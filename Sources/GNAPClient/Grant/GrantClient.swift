import Foundation
import GNAP
import HTTPMessageSignatures

/// A GNAP client instance (RFC 9635 §2, §5, §6): requests grants, continues them and manages its tokens, proving
/// every call with its key by its proof method (§7.3).
public struct GrantClient: Sendable {
    public let client: SignedClient
    /// The certificate that carries the key (DER), sent as the key's `cert` value (§7.1). Required for `mtls`, whose
    /// transport presents it in the TLS handshake.
    public let certificate: [UInt8]?

    /// - Parameters:
    ///   - method: how each request is proven; default ``ClientProofMethod/httpsig``. With `jwsd` and `jws` the
    ///     key's `keyID` is its JWK `kid`, which the JWS header repeats (§7.3.3).
    ///   - certificate: the key's certificate (DER); default none. With `mtls` the key is sent as this certificate.
    public init<C: Clock & Sendable>(
        transport: any HTTPTransport, key: SigningKey, clock: C, method: ClientProofMethod = .httpsig,
        certificate: [UInt8]? = nil
    ) where C.Instant == WallInstant {
        client = SignedClient(transport: transport, key: key, profile: .gnap, method: method, clock: clock)
        self.certificate = certificate
    }

    /// The client's key as sent in `client.key` (RFC 9635 §7.1): for `mtls` the certificate (`cert`), otherwise the
    /// public JWK (with `kid` for `jwsd` and `jws`), with the proof method.
    public func clientKey() throws(GNAPClientError) -> ClientKeyValue {
        try keyValue(of: client.key)
    }

    /// How `key` is sent by this client's method (the new key of a rotation uses the same method, §6.1.1).
    func keyValue(of key: SigningKey) throws(GNAPClientError) -> ClientKeyValue {
        let method = client.method
        if method == .mtls {
            guard let certificate, key.keyID == client.key.keyID else {
                throw .invalidRequest("an mtls client needs its certificate, and cannot rotate to a new key by itself")
            }
            return ClientKeyValue(proof: method.proof, jwk: nil, cert: Data(certificate).base64EncodedString())
        }
        do {
            var jwk = try key.publicJWK()
            if method == .jwsd || method == .jws {
                guard let keyID = key.keyID, !keyID.isEmpty else {
                    throw GNAPClientError.invalidRequest(
                        "a \(method.rawValue) key needs a key id: the JWS header names it")
                }
                jwk.kid = keyID
            }
            return ClientKeyValue(proof: method.proof, jwk: jwk)
        } catch let error as GNAPClientError {
            throw error
        } catch {
            throw .signing(String(describing: error))
        }
    }

    /// Sends a grant request to the grant endpoint.
    public func request(_ request: GrantRequest, endpoint: String) async throws(GNAPClientError) -> GrantResponse {
        let response = try await client.send(.post, url: endpoint, json: request, as: GrantResponse.self)
        try Self.checkTokens(response)
        return response
    }

    /// Polls (RFC 9635 §5.2): a POST without content to the continuation URI with the continuation token.
    public func poll(_ continuation: ContinueResponse) async throws(GNAPClientError) -> GrantResponse {
        let response = try await client.send(
            .post, url: continuation.uri, json: NoContent?.none, token: continuation.accessToken.value,
            as: GrantResponse.self)
        try Self.checkTokens(response)
        return response
    }

    /// Modifies the grant (RFC 9635 §5.3): a PATCH to the continuation URI with the fields of `request` to change
    /// (`access_token`, `subject`, `user`, `interact`); fields left nil stay as they were. `client` must be nil: the
    /// client instance cannot change. The answer carries new tokens when no more than what was approved is asked
    /// for, or a new `interact` (and `continue`) when the resource owner must approve again; either way use its
    /// `continue` from then on.
    public func modify(continuation: ContinueResponse, request: GrantRequest) async throws(GNAPClientError)
        -> GrantResponse
    {
        guard request.client == nil else {
            throw .invalidRequest("a modification must not include 'client' (RFC 9635 §5.3)")
        }
        let response = try await client.send(
            .patch, url: continuation.uri, json: request, token: continuation.accessToken.value,
            as: GrantResponse.self)
        try Self.checkTokens(response)
        return response
    }

    /// Cancels the grant (RFC 9635 §5.4): a DELETE to the continuation URI. The AS revokes the grant's tokens and
    /// the continuation ends.
    public func cancel(continuation: ContinueResponse) async throws(GNAPClientError) {
        try await client.sendExpectingNoContent(.delete, url: continuation.uri, token: continuation.accessToken.value)
    }

    /// §3.2.1: "The client software MUST reject any access token where the `flags` field contains the `bearer` flag
    /// and the `key` field is present with any value."
    static func checkTokens(_ response: GrantResponse) throws(GNAPClientError) {
        for token in response.accessToken?.tokens ?? [] where token.key != nil {
            if token.flags?.contains(AccessTokenFlag.bearer) == true {
                throw .malformedResponse("a bearer access token must not name a key")
            }
        }
    }

    /// Continues after a finished interaction (RFC 9635 §5.1): `{"interact_ref": …}` to the continuation URI. Call
    /// it only with a reference whose interaction hash verified (§4.2.1, §4.2.2).
    public func continueAfterInteraction(_ continuation: ContinueResponse, interactRef: String)
        async throws(GNAPClientError) -> GrantResponse
    {
        try await client.send(
            .post, url: continuation.uri, json: ["interact_ref": interactRef], token: continuation.accessToken.value,
            as: GrantResponse.self)
    }

    /// Rotates an access token's value (RFC 9635 §6.1), or binds it to `newKey` at the same time (§6.1.1). Returns
    /// the rotated token, with its (possibly new) management URI and token.
    public func rotateToken(_ manage: TokenManagement, newKey: SigningKey? = nil) async throws(GNAPClientError)
        -> AccessTokenResponse
    {
        let response: GrantResponse
        if let newKey {
            let key = try keyValue(of: newKey)
            response = try await client.sendRotation(
                .post, url: manage.uri, json: ["key": key], token: manage.accessToken.value, newKey: newKey,
                as: GrantResponse.self)
        } else {
            response = try await client.send(
                .post, url: manage.uri, json: NoContent?.none, token: manage.accessToken.value, as: GrantResponse.self)
        }
        guard case .single(let token) = response.accessToken else {
            throw .malformedResponse("the rotation response has no single access_token")
        }
        return token
    }

    /// Revokes an access token (RFC 9635 §6.2).
    public func revokeToken(_ manage: TokenManagement) async throws(GNAPClientError) {
        try await client.sendExpectingNoContent(.delete, url: manage.uri, token: manage.accessToken.value)
    }

    /// Moves this client instance to `newKey` (gnapterm extension, `POST /gnap/instances/{id}/key`); afterwards
    /// sign with `newKey` for its grants and tokens.
    public func rotateInstanceKey(instanceID: String, base: String, newKey: SigningKey) async throws(GNAPClientError) {
        guard client.method != .mtls else {
            throw .invalidRequest(
                "a key proven with mtls cannot be rotated by the client (RFC 9635 §7.3.2.1); have the AS's operator "
                    + "register the new certificate")
        }
        let key = try keyValue(of: newKey)
        _ = try await client.sendRotation(
            .post, url: base + "/gnap/instances/\(instanceID)/key", json: ["key": key], newKey: newKey,
            as: [String: String].self)
    }

    /// Reads the AS's RS-facing discovery document (RFC 9767 §3.1) to learn the grant endpoint.
    public static func discover(base: String, transport: any HTTPTransport) async throws(GNAPClientError)
        -> DiscoveryInfo
    {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return try await PlainClient(transport: transport).get(
            trimmed + "/.well-known/gnap-as-rs", as: DiscoveryInfo.self)
    }
}

/// The parts of the discovery document this client uses.
public struct DiscoveryInfo: Sendable, Hashable, Codable {
    public var grantRequestEndpoint: String
    public var keyProofsSupported: [String]?
    /// This AS's approver interaction API base (a gnapterm extension of the document).
    public var interactionEndpoint: String?

    private enum CodingKeys: String, CodingKey {
        case grantRequestEndpoint = "grant_request_endpoint"
        case keyProofsSupported = "key_proofs_supported"
        case interactionEndpoint = "gnapterm_interaction_endpoint"
    }
}
