import GNAP
import GNAPClient
import HTTPMessageSignatures

/// Asks the AS for a token derived from one a client presented (RFC 9767 §4), to call a downstream RS: a grant
/// request with `existing_access_token`, no `interact`, the RS identified in `client` by its instance identifier or
/// its key, signed with the RS's own key.
public struct DownstreamTokenRequester: Sendable {
    public let grantEndpoint: String
    let client: SignedClient
    let instance: ClientInstance

    /// - Parameters:
    ///   - grantEndpoint: the AS's `grant_request_endpoint`.
    ///   - key: the RS's signing key.
    ///   - instanceID: the RS's identifier at the AS (from registration); default nil (its key by value).
    public init<C: Clock & Sendable>(
        grantEndpoint: String, key: SigningKey, instanceID: String? = nil,
        transport: any HTTPTransport = AsyncHTTPTransport(), clock: C
    ) throws(IntrospectionFailure) where C.Instant == WallInstant {
        self.grantEndpoint = grantEndpoint
        if let instanceID {
            instance = .reference(instanceID)
        } else {
            do {
                instance = .value(ClientInstanceValue(key: ClientKeyValue(proof: .httpsig, jwk: try key.publicJWK())))
            } catch {
                throw .signing("the key has no public JWK: \(error)")
            }
        }
        client = SignedClient(transport: transport, key: key, profile: .gnap, clock: clock)
    }

    /// A token for `access` (no more than `presented` carries), bound to this RS's key.
    public func derive(from presented: String, access: [AccessRight], label: String? = nil)
        async throws(IntrospectionFailure) -> AccessTokenResponse
    {
        let request = GrantRequest(
            accessToken: .single(AccessTokenRequest(access: access, label: label)), client: instance,
            existingAccessToken: presented)
        let response: GrantResponse
        do {
            response = try await client.send(.post, url: grantEndpoint, json: request, as: GrantResponse.self)
        } catch {
            throw .exchange(error)
        }
        guard let token = response.accessToken?.tokens.first else {
            throw .malformedResponse("the AS answered without an access token")
        }
        return token
    }
}
