import GNAP

/// How a resource server checks GNAP access tokens. `asURI` and `publicURL` say who the RS trusts and how clients
/// reach it; every other setting has a documented default.
public struct ResourceServerConfiguration: Sendable {
    /// The grant endpoint of the AS that issues the tokens this RS accepts: `as_uri` in challenges (RFC 9635 §9.1)
    /// and the `iss` every introspected token must carry (RFC 9767 §3.3, §5.2 "issued by a trusted AS").
    public var asURI: String
    /// The scheme and authority clients use to reach this RS (e.g. `https://rs.example.com`). The `@target-uri` a
    /// client signed (RFC 9635 §7.3.1) is rebuilt from it and the request's path, so a proxy in front of the RS
    /// does not break signatures.
    public var publicURL: String
    /// `referrer` in challenges (RFC 9635 §9.1). Default: `publicURL`.
    public var referrer: String?
    /// The access reference offered in challenges when a route names none (RFC 9635 §9.1 `access`), e.g. the
    /// resource reference of a registered set (RFC 9767 §3.4). Default: none.
    public var accessReference: String?
    /// How long an introspection result is relied on before the AS is asked again: the longest a revoked token can
    /// still be accepted (RFC 9767 §5.3). Default: 30 seconds.
    public var revalidationInterval: Duration
    /// The most introspection results kept; the least recently used one goes first. Default: 10,000.
    public var introspectionCacheCapacity: Int
    /// Nonces remembered for one client key; a key that sends more within the signature age is refused, not the
    /// others. Default: 4,096.
    public var nonceCapacityPerKey: Int
    /// Nonces remembered in all. Default: 262,144.
    public var nonceCapacity: Int
    /// Whether a signature must carry a `nonce` (RFC 9635 §7.3.1: the signer SHOULD include one). Without a nonce
    /// a captured request can be replayed within the signature age. Default: true.
    public var requireNonce: Bool
    /// The oldest `created` accepted, in seconds. Default: 300.
    public var maximumSignatureAge: Int64
    /// Tolerated clock difference, in seconds. Default: 30.
    public var allowedClockSkew: Int64
    /// Whether tokens the AS flags `bearer` are accepted with `Authorization: Bearer` (RFC 9635 §7.2). Bound
    /// tokens always need the GNAP scheme and a key proof. Default: true.
    public var acceptsBearerTokens: Bool
    /// Largest request content read to check its `Content-Digest`. Default: 1 MiB.
    public var maximumBodySize: Int
    /// Reference strings (RFC 9635 §8.1) whose meaning this RS knows, such as its registered resource sets: a
    /// granted reference counts as these rights, and a route that needs a reference is satisfied by them too.
    /// Default: none.
    public var referenceMeanings: [String: [AccessRightObject]]
    /// When set, a token whose introspection lists an audience (`aud`) must name one of these. Default: nil (the
    /// AS already limits introspection to tokens meant for the calling RS, RFC 9767 §3.3).
    public var acceptedAudiences: Set<String>?
    /// Whether a `jwt-signed` token that verified offline is introspected as well (RFC 9767 §2.2: a structured
    /// token "can also be used in combination with introspection"), so a revoked token is refused within
    /// ``revalidationInterval`` instead of at its expiry. Used only when the gate has the AS's keys. Default true.
    public var introspectsStructuredTokens: Bool

    public init(
        asURI: String, publicURL: String, referrer: String? = nil, accessReference: String? = nil,
        revalidationInterval: Duration = .seconds(30), introspectionCacheCapacity: Int = 10_000,
        nonceCapacityPerKey: Int = 4_096, nonceCapacity: Int = 262_144, requireNonce: Bool = true,
        maximumSignatureAge: Int64 = 300, allowedClockSkew: Int64 = 30, acceptsBearerTokens: Bool = true,
        maximumBodySize: Int = 1 << 20, referenceMeanings: [String: [AccessRightObject]] = [:],
        acceptedAudiences: Set<String>? = nil, introspectsStructuredTokens: Bool = true
    ) {
        self.asURI = asURI
        self.publicURL = publicURL
        self.referrer = referrer
        self.accessReference = accessReference
        self.revalidationInterval = revalidationInterval
        self.introspectionCacheCapacity = introspectionCacheCapacity
        self.nonceCapacityPerKey = nonceCapacityPerKey
        self.nonceCapacity = nonceCapacity
        self.requireNonce = requireNonce
        self.maximumSignatureAge = maximumSignatureAge
        self.allowedClockSkew = allowedClockSkew
        self.acceptsBearerTokens = acceptsBearerTokens
        self.maximumBodySize = maximumBodySize
        self.referenceMeanings = referenceMeanings
        self.acceptedAudiences = acceptedAudiences
        self.introspectsStructuredTokens = introspectsStructuredTokens
    }
}
