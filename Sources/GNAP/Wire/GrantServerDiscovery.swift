/// The AS discovery document (RFC 9635 §9), the answer to `OPTIONS` on the grant endpoint.
public struct GrantServerDiscovery: Sendable, Hashable, Codable {
    public var grantRequestEndpoint: String
    public var interactionStartModesSupported: [String]?
    public var interactionFinishMethodsSupported: [String]?
    public var keyProofsSupported: [String]?
    public var subIDFormatsSupported: [String]?
    public var assertionFormatsSupported: [String]?
    public var keyRotationSupported: Bool?
    /// Where the AS publishes the keys that sign its assertions (a JWK Set, RFC 7517 §5). Not a registered GNAP
    /// discovery field: the name is OpenID Connect Discovery's and RFC 8414's, which JOSE tooling looks for.
    public var jwksURI: String?
    /// The `hash_method` names (§2.5.2, §4.2.3) the AS computes interaction hashes with. Not a registered GNAP
    /// discovery field (§9 has none for hashes): a gnapterm extension named in the style of the §9 fields, so a
    /// client can choose a method before it asks; clients that do not know it ignore it (§9).
    public var interactionHashMethodsSupported: [String]?

    public init(
        grantRequestEndpoint: String, interactionStartModesSupported: [String]? = nil,
        interactionFinishMethodsSupported: [String]? = nil, keyProofsSupported: [String]? = nil,
        subIDFormatsSupported: [String]? = nil, assertionFormatsSupported: [String]? = nil,
        keyRotationSupported: Bool? = nil, jwksURI: String? = nil, interactionHashMethodsSupported: [String]? = nil
    ) {
        self.grantRequestEndpoint = grantRequestEndpoint
        self.interactionStartModesSupported = interactionStartModesSupported
        self.interactionFinishMethodsSupported = interactionFinishMethodsSupported
        self.keyProofsSupported = keyProofsSupported
        self.subIDFormatsSupported = subIDFormatsSupported
        self.assertionFormatsSupported = assertionFormatsSupported
        self.keyRotationSupported = keyRotationSupported
        self.jwksURI = jwksURI
        self.interactionHashMethodsSupported = interactionHashMethodsSupported
    }

    private enum CodingKeys: String, CodingKey {
        case grantRequestEndpoint = "grant_request_endpoint"
        case interactionStartModesSupported = "interaction_start_modes_supported"
        case interactionFinishMethodsSupported = "interaction_finish_methods_supported"
        case keyProofsSupported = "key_proofs_supported"
        case subIDFormatsSupported = "sub_id_formats_supported"
        case assertionFormatsSupported = "assertion_formats_supported"
        case keyRotationSupported = "key_rotation_supported"
        case jwksURI = "jwks_uri"
        case interactionHashMethodsSupported = "interaction_hash_methods_supported"
    }
}
