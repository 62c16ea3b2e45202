import GNAP
import HTTPMessageSignatures

/// A GNAP client instance (RFC 9635 §2, §5): requests grants and continues them, signing every call with its key.
public struct GrantClient: Sendable {
    public let client: SignedClient

    public init<C: Clock & Sendable>(transport: any HTTPTransport, key: SigningKey, clock: C)
    where C.Instant == WallInstant {
        client = SignedClient(transport: transport, key: key, profile: .gnap, clock: clock)
    }

    /// The client's key as sent in `client.key` (RFC 9635 §7.1): public JWK, `httpsig` proof.
    public func clientKey() throws(GNAPClientError) -> ClientKeyValue {
        do {
            return ClientKeyValue(proof: .httpsig, jwk: try client.key.publicJWK())
        } catch {
            throw .signing(error.description)
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
            let key: ClientKeyValue
            do {
                key = ClientKeyValue(proof: .httpsig, jwk: try newKey.publicJWK())
            } catch {
                throw .signing(error.description)
            }
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
        let key: ClientKeyValue
        do {
            key = ClientKeyValue(proof: .httpsig, jwk: try newKey.publicJWK())
        } catch {
            throw .signing(error.description)
        }
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
