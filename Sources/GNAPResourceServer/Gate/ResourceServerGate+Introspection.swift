import GNAP

extension ResourceServerGate {
    /// The token as the AS last described it: from the cache while fresh, else from a new introspection
    /// (RFC 9767 §3.3), which is cached when the token is active and from the trusted AS.
    func lookUp(_ presentation: AccessTokenPresentation, now: WallInstant, challenge: GNAPChallenge) async
        -> Result<CheckedToken, ResourceServerRefusal>
    {
        let key = IntrospectionCache.Key(presentation)
        if let cached = cache.token(for: key, now: now) { return .success(cached) }
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
        // RFC 9767 §5.2: the token must come from the AS this RS trusts and, when it names an audience, be meant
        // for this RS.
        guard token.iss == configuration.asURI else {
            return .failure(
                unauthorized(
                    .invalidToken, "the access token was not issued by the authorization server this resource trusts",
                    challenge, logDetail: "introspection named the issuer '\(token.iss)'"))
        }
        if let accepted = configuration.acceptedAudiences, let audience = token.aud,
            !audience.values.contains(where: accepted.contains)
        {
            return .failure(unauthorized(.invalidToken, "the access token is meant for another resource", challenge))
        }
        let checkedToken = CheckedToken(token, meanings: configuration.referenceMeanings)
        cache.store(checkedToken, for: key, checkedAt: now)
        return .success(checkedToken)
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
