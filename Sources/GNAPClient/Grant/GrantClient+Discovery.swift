import GNAP

extension GrantClient {
    /// Asks the grant endpoint what the AS supports (RFC 9635 §9: an unsigned `OPTIONS` request).
    public static func discoverGrantServer(endpoint: String, transport: any HTTPTransport)
        async throws(GNAPClientError) -> GrantServerDiscovery
    {
        try await PlainClient(transport: transport).send(.options, endpoint, as: GrantServerDiscovery.self)
    }

    /// Reads the JWK Set at `uri` (the discovery document's `jwks_uri`), e.g. to verify `id_token` assertions.
    public static func keySet(uri: String, transport: any HTTPTransport) async throws(GNAPClientError) -> JWKSet {
        try await PlainClient(transport: transport).get(uri, as: JWKSet.self)
    }
}
