import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// The access check of a GNAP resource server, free of any HTTP server: from a request's head and content to the
/// authorization its handler may rely on, or the refusal to answer with. ``GNAPAccessMiddleware`` runs it for
/// Hummingbird routes; anything else that has an `HTTPRequest` can call ``authorize(_:content:requiring:)``.
///
/// For each request (RFC 9635 §7.2, §7.3.1; RFC 9767 §3.3, §5.2–5.4): the token from `Authorization`; what the AS
/// says about it, from the cache while fresh; the key proof of the request by the token's bound key (never cached:
/// each message is checked, §5.4), its nonce refused if seen before; then the route's rights against the token's.
public final class ResourceServerGate: Sendable {
    public let configuration: ResourceServerConfiguration
    let checked: ResourceServerConfiguration.Checked
    let introspector: any TokenIntrospector
    /// The AS's keys for checking `jwt-signed` tokens offline (RFC 9767 §2.2); nil introspects every token.
    let structuredKeys: (any VerificationKeySource)?
    let cache: IntrospectionCache
    let nonces: PerKeyNonceCache
    let profile: SignatureProfile
    let clock: AnyWallClock

    /// - Parameters:
    ///   - introspector: asks the AS about tokens (RFC 9767 §3.3).
    ///   - structuredKeys: the AS's keys, to check `jwt-signed` tokens offline (§2.2); default nil (introspect).
    public init<C: Clock & Sendable>(
        configuration: ResourceServerConfiguration, introspector: any TokenIntrospector,
        structuredKeys: (any VerificationKeySource)? = nil, clock: C
    ) throws(ResourceServerConfigurationError) where C.Instant == WallInstant {
        self.configuration = configuration
        checked = try configuration.checked()
        self.introspector = introspector
        self.structuredKeys = structuredKeys
        cache = IntrospectionCache(
            capacity: configuration.introspectionCacheCapacity,
            revalidationInterval: configuration.revalidationInterval)
        nonces = PerKeyNonceCache(
            perKeyCapacity: configuration.nonceCapacityPerKey, capacity: configuration.nonceCapacity)
        // RFC 9635 §7.3.1, with the RS's own age, skew and nonce rules.
        profile = SignatureProfile(
            tag: SignatureProfile.gnap.tag, requireNonce: configuration.requireNonce,
            maximumAge: configuration.maximumSignatureAge, allowedClockSkew: configuration.allowedClockSkew)
        self.clock = AnyWallClock(clock)
    }

    /// Gives a received request head the scheme and authority clients use to reach this RS, so its
    /// `@target-uri` is the one they signed.
    public func addressedAsPublished(_ head: HTTPRequest) -> HTTPRequest {
        var head = head
        head.scheme = checked.scheme
        head.authority = checked.authority
        return head
    }

    /// Checks one request. `request` must carry the scheme and authority clients used (see
    /// ``addressedAsPublished(_:)``); `content` is its exact body. Suspends only when the AS must be asked.
    public func authorize(_ request: HTTPRequest, content: [UInt8], requiring requirement: AccessRequirement) async
        -> Result<GNAPAuthorization, ResourceServerRefusal>
    {
        if let decided = authorizeFromCache(request, content: content, requiring: requirement) { return decided }
        let challenge = self.challenge(for: requirement)
        let presentation: AccessTokenPresentation
        switch presentationOf(request, challenge: challenge) {
        case .success(let found): presentation = found
        case .failure(let refusal): return .failure(refusal)
        }
        let now = clock.now
        let looked: Result<CheckedToken, ResourceServerRefusal>
        if let structuredKeys, StructuredAccessToken.looksStructured(presentation.token) {
            looked = await verifyStructured(presentation, keys: structuredKeys, now: now, challenge: challenge)
        } else {
            looked = await introspect(presentation, now: now, challenge: challenge)
        }
        switch looked {
        case .success(let token):
            return finish(request, content: content, presentation, token, requirement, now: now, challenge)
        case .failure(let refusal):
            return .failure(refusal)
        }
    }

    /// The same check without asking the AS: the answer when the request can be decided from the request alone or
    /// with a cached introspection, nil when the AS must be asked (then call ``authorize(_:content:requiring:)``).
    public func authorizeFromCache(_ request: HTTPRequest, content: [UInt8], requiring requirement: AccessRequirement)
        -> Result<GNAPAuthorization, ResourceServerRefusal>?
    {
        let challenge = self.challenge(for: requirement)
        let presentation: AccessTokenPresentation
        switch presentationOf(request, challenge: challenge) {
        case .success(let found): presentation = found
        case .failure(let refusal): return .failure(refusal)
        }
        let now = clock.now
        guard let token = cache.token(for: IntrospectionCache.Key(presentation), now: now) else { return nil }
        return finish(request, content: content, presentation, token, requirement, now: now, challenge)
    }

    /// Everything after the token is known: its validity window, the key proof, the route's rights.
    private func finish(
        _ request: HTTPRequest, content: [UInt8], _ presentation: AccessTokenPresentation, _ token: CheckedToken,
        _ requirement: AccessRequirement, now: WallInstant, _ challenge: GNAPChallenge
    ) -> Result<GNAPAuthorization, ResourceServerRefusal> {
        if let refusal = checkValidity(token.token, now: now, challenge: challenge) { return .failure(refusal) }
        let thumbprint: String?
        switch checkProof(request, content: content, presentation, token.binding, now: now, challenge) {
        case .success(let proved): thumbprint = proved
        case .failure(let refusal): return .failure(refusal)
        }
        if let missing = token.granted.firstMissing(of: requirement.rights) {
            return .failure(
                ResourceServerRefusal(
                    .forbidden, GNAPError(.insufficientAccess, "the access token does not grant \(missing)"),
                    challenge: challenge))
        }
        return .success(GNAPAuthorization(presentation: presentation, token: token.token, keyThumbprint: thumbprint))
    }

    private func challenge(for requirement: AccessRequirement) -> GNAPChallenge {
        GNAPChallenge(
            asURI: checked.challenge.asURI, referrer: checked.challenge.referrer,
            access: requirement.challengeReference ?? checked.challenge.access)
    }

    /// The number of introspection results cached now.
    public var cachedIntrospections: Int { cache.count }
}
