/// The RS-facing discovery document (RFC 9767 §3.1), served at `/.well-known/gnap-as-rs` beside the grant endpoint.
///
/// A member is present only when the AS offers the feature it names (§3.1: "An absent value indicates that the AS
/// does not support" introspection or registration). Unknown members are ignored on decoding (§3.1 leaves room for
/// registered extensions).
public struct ResourceServerDiscovery: Sendable, Hashable, Codable {
    /// REQUIRED: the grant endpoint (RFC 9635 §9), also where an RS asks for derived tokens (RFC 9767 §4).
    public var grantRequestEndpoint: String
    /// Where RSes introspect tokens (§3.3); absent when the AS does not offer introspection.
    public var introspectionEndpoint: String?
    /// Token formats from the GNAP Token Formats registry (§6.3), e.g. ``TokenFormat/jwtSigned``.
    public var tokenFormatsSupported: [String]?
    /// Where RSes register resource sets (§3.4); absent when the AS does not offer registration.
    public var resourceRegistrationEndpoint: String?
    /// Key proofing methods (RFC 9635 §7.3) the AS accepts from RSes.
    public var keyProofsSupported: [String]?
    /// This AS's approver interaction API base. Not a registered field: a gnapterm extension (prefixed so it cannot
    /// collide with a future registration) that terminal approvers use to find the API.
    public var interactionEndpoint: String?
    /// Where the AS publishes the JWK Set that verifies its `jwt-signed` tokens (§2.2). Not a registered field: the
    /// name this AS also uses in its RFC 9635 §9 document; present when `jwt-signed` is listed.
    public var jwksURI: String?

    public init(
        grantRequestEndpoint: String, introspectionEndpoint: String? = nil, tokenFormatsSupported: [String]? = nil,
        resourceRegistrationEndpoint: String? = nil, keyProofsSupported: [String]? = nil,
        interactionEndpoint: String? = nil, jwksURI: String? = nil
    ) {
        self.grantRequestEndpoint = grantRequestEndpoint
        self.introspectionEndpoint = introspectionEndpoint
        self.tokenFormatsSupported = tokenFormatsSupported
        self.resourceRegistrationEndpoint = resourceRegistrationEndpoint
        self.keyProofsSupported = keyProofsSupported
        self.interactionEndpoint = interactionEndpoint
        self.jwksURI = jwksURI
    }

    /// The well-known path of the document (§3.1, §6.1).
    public static let wellKnownPath = "/.well-known/gnap-as-rs"

    private enum CodingKeys: String, CodingKey {
        case grantRequestEndpoint = "grant_request_endpoint"
        case introspectionEndpoint = "introspection_endpoint"
        case tokenFormatsSupported = "token_formats_supported"
        case resourceRegistrationEndpoint = "resource_registration_endpoint"
        case keyProofsSupported = "key_proofs_supported"
        case interactionEndpoint = "gnapterm_interaction_endpoint"
        case jwksURI = "jwks_uri"
    }
}
