import GNAP

/// The RS-facing API (RFC 9767 §3, §4) and the tokens RSes receive (§2). Every member has a documented default.
public struct ResourceServerSettings: Sendable {
    /// Whether RSes may introspect tokens (§3.3, `introspection_endpoint`). Default true.
    public var offersIntrospection: Bool
    /// Whether RSes may register resource sets (§3.4, `resource_registration_endpoint`). Default true.
    public var offersRegistration: Bool
    /// Whether an RS the operator did not pre-register is trusted on its first authenticated call (§3.2
    /// "trust-on-first-use"); it then serves only the resource sets it registers. Default false.
    public var allowsDynamicResourceServers: Bool
    /// The format of issued tokens when no resource set asks for one (§2.2): nil for opaque values that only
    /// introspection explains, or ``TokenFormat/jwtSigned``. Default nil.
    public var tokenFormat: String?
    /// Whether an RS may derive a token for a downstream RS from one it was given (§4). Default true.
    public var allowsTokenChaining: Bool
    /// The longest a derived token lives; never past the token it was derived from. Default 5 minutes.
    public var derivedTokenLifetime: Duration

    /// The token formats this AS can issue (§3.1 `token_formats_supported`); opaque values are not a registered
    /// format and are not listed.
    public static let supportedTokenFormats = [TokenFormat.jwtSigned]

    public init(
        offersIntrospection: Bool = true, offersRegistration: Bool = true, allowsDynamicResourceServers: Bool = false,
        tokenFormat: String? = nil, allowsTokenChaining: Bool = true, derivedTokenLifetime: Duration = .seconds(300)
    ) {
        self.offersIntrospection = offersIntrospection
        self.offersRegistration = offersRegistration
        self.allowsDynamicResourceServers = allowsDynamicResourceServers
        self.tokenFormat = tokenFormat
        self.allowsTokenChaining = allowsTokenChaining
        self.derivedTokenLifetime = derivedTokenLifetime
    }
}
