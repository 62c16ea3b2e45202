import GNAP

extension ResourceServerGate {
    /// The token as the AS describes it now (RFC 9767 §3.3), cached when it is active and from the trusted AS.
    func introspect(_ presentation: AccessTokenPresentation, now: WallInstant, challenge: GNAPChallenge) async
        -> Result<CheckedToken, ResourceServerRefusal>
    {
        let query: IntrospectionQuery
        switch presentation {
        case .gnap(let token): query = IntrospectionQuery(accessToken: token, proof: "httpsig")
        case .bearer(let token): query = IntrospectionQuery(accessToken: token, proof: nil)
        }
        let answer: TokenIntrospectionResponse
        do {
            answer = try await introspector.introspect(query)
        } catch {
            // Fail closed: without the AS's word the token is neither accepted nor called invalid.
            return .failure(
                ResourceServerRefusal(
                    .serviceUnavailable,
                    GNAPError(.temporarilyUnavailable, "the access token cannot be checked right now; try again later"),
                    challenge: nil, logDetail: error.description))
        }
        guard case .active(let token) = answer else {
            return .failure(
                unauthorized(.invalidToken, "the access token is not active (unknown, expired or revoked)", challenge))
        }
        return accept(token, for: presentation, now: now, challenge: challenge)
    }

    /// Caches an active token after the checks every token passes whatever its source (RFC 9767 §5.2): issued by
    /// the AS this RS trusts and, when it names an audience, meant for this RS.
    func accept(
        _ token: IntrospectedToken, for presentation: AccessTokenPresentation, now: WallInstant,
        challenge: GNAPChallenge
    ) -> Result<CheckedToken, ResourceServerRefusal> {
        guard token.iss == configuration.asURI else {
            return .failure(
                unauthorized(
                    .invalidToken, "the access token was not issued by the authorization server this resource trusts",
                    challenge, logDetail: "the token names the issuer '\(token.iss)'"))
        }
        if let accepted = configuration.acceptedAudiences, let audience = token.aud,
            !audience.values.contains(where: accepted.contains)
        {
            return .failure(unauthorized(.invalidToken, "the access token is meant for another resource", challenge))
        }
        let checkedToken = CheckedToken(token, meanings: configuration.referenceMeanings)
        cache.store(checkedToken, for: IntrospectionCache.Key(presentation), checkedAt: now)
        return .success(checkedToken)
    }

    /// Remembers `token` as what the AS says about `presentation` now, as an introspection answer would be
    /// remembered (same issuer and audience checks, same revalidation window). For tokens the RS learned about
    /// without asking, such as a structured token it verified itself (RFC 9767 §2.2); later requests with the token
    /// are then decided from the cache until the window ends.
    public func remember(_ token: IntrospectedToken, for presentation: AccessTokenPresentation)
        -> Result<Void, ResourceServerRefusal>
    {
        let challenge = GNAPChallenge(asURI: checked.challenge.asURI, referrer: checked.challenge.referrer)
        return accept(token, for: presentation, now: clock.now, challenge: challenge).map { _ in () }
    }

    /// The token's validity window (RFC 9767 §2.1.7), checked on every request.
    func checkValidity(_ token: IntrospectedToken, now: WallInstant, challenge: GNAPChallenge) -> ResourceServerRefusal?
    {
        let seconds = now.unixSeconds
        if let exp = token.exp, exp <= seconds {
            return unauthorized(.invalidToken, "the access token has expired", challenge)
        }
        if let nbf = token.nbf, nbf > seconds + configuration.allowedClockSkew {
            return unauthorized(.invalidToken, "the access token is not valid yet", challenge)
        }
        return nil
    }
}
