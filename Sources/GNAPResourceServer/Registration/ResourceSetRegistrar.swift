import GNAP
import GNAPClient
import HTTPMessageSignatures

/// Registers a resource set with the AS (RFC 9767 §3.4): a `POST` to its `resource_registration_endpoint`, signed
/// with the RS's own key (§3.2). The answer's `resource_reference` is what the RS offers clients in its challenge
/// (RFC 9635 §9.1 `access`), its `instance_id` what it may identify itself with afterwards.
public struct ResourceSetRegistrar: Sendable {
    public let endpoint: String
    public let identification: ResourceServerIdentification
    let client: SignedClient

    /// - Parameters:
    ///   - endpoint: the AS's `resource_registration_endpoint` (from ``ResourceServerDiscovery``).
    ///   - key: the RS's signing key.
    ///   - identification: default: the key by value (its public JWK, `proof: httpsig`).
    ///   - transport: default ``AsyncHTTPTransport`` with its defaults.
    public init<C: Clock & Sendable>(
        endpoint: String, key: SigningKey, identification: ResourceServerIdentification? = nil,
        transport: any HTTPTransport = AsyncHTTPTransport(), clock: C
    ) throws(IntrospectionFailure) where C.Instant == WallInstant {
        self.endpoint = endpoint
        if let identification {
            self.identification = identification
        } else {
            self.identification = try Self.byValue(key)
        }
        client = SignedClient(transport: transport, key: key, profile: .gnap, clock: clock)
    }

    /// Registers `access`; `tokenFormats` and `introspectionRequired` as §3.4 defines them.
    public func register(
        _ access: [AccessRight], tokenFormats: [String]? = nil, introspectionRequired: Bool? = nil
    ) async throws(IntrospectionFailure) -> ResourceSetRegistrationResponse {
        let request = ResourceSetRegistrationRequest(
            access: access, resourceServer: identification, tokenFormatsSupported: tokenFormats,
            tokenIntrospectionRequired: introspectionRequired)
        do {
            return try await client.send(
                .post, url: endpoint, json: request, as: ResourceSetRegistrationResponse.self)
        } catch {
            throw .exchange(error)
        }
    }

    /// The RS identified by its public key (§3.2 "by value").
    static func byValue(_ key: SigningKey) throws(IntrospectionFailure) -> ResourceServerIdentification {
        do {
            return .value(ResourceServerKey(key: ClientKeyValue(proof: .httpsig, jwk: try key.publicJWK())))
        } catch {
            throw .signing("the key has no public JWK: \(error)")
        }
    }
}
