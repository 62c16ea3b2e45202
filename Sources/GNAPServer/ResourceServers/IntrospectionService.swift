import GNAP

/// Token introspection (RFC 9767 §3.3, `POST /gnap/introspect`): an authenticated RS asks about a token a client
/// presented to it. The answer is active only for a token this AS issued that is neither revoked (nor rotated away,
/// nor derived from a token that stopped working) nor expired, whose grant was not cancelled or denied, bound by the
/// proofing method the RS names, and with rights this RS serves; it then discloses only those rights (§5.11).
/// Every other case is `active: false`, with nothing that says why. Every call is audited.
struct IntrospectionService: Sendable {
    let authenticator: ResourceServerAuthenticator
    let grants: any GrantStore
    let servers: any ResourceServerStore
    let administration: any AdministrationStore
    let clock: AnyWallClock
    let publicURL: PublicURL

    func introspect(_ signed: SignedRequest) async throws(APIError) -> TokenIntrospectionResponse {
        let request = try RSFacingError.decode(TokenIntrospectionRequest.self, signed)
        do {
            try request.validate()
        } catch {
            throw RSFacingError.refused(error)
        }
        let server = try await authenticator.authenticate(request.resourceServer, signed)
        let now = clock.now
        let verdict: Verdict
        do {
            let scope = ResourceServerScope(
                server: server, sets: try await servers.resourceSets(resourceServerID: server.id))
            // §3.5 `invalid_access`: an RS may not ask about access it does not serve.
            if let access = request.access, let foreign = access.first(where: { !scope.concerns($0) }) {
                throw RSFacingError.refused(
                    GNAPError(.invalidAccess, "'\(foreign.summary)' is not access this resource server serves"))
            }
            verdict = try await judge(request, scope: scope, now: now)
        } catch let error as APIError {
            throw error
        } catch {
            throw RSFacingError.storeFailure("the AS could not look up the token")
        }
        await audit(verdict, server: server, now: now)
        return verdict.response
    }

    /// What the AS found, with the reason kept for the audit log only.
    struct Verdict {
        var response: TokenIntrospectionResponse
        var token: AccessTokenRecord?
        var reason: String
    }

    private func judge(_ request: TokenIntrospectionRequest, scope: ResourceServerScope, now: WallInstant)
        async throws -> Verdict
    {
        func inactive(_ reason: String, _ token: AccessTokenRecord? = nil) -> Verdict {
            Verdict(response: .inactive, token: token, reason: reason)
        }
        let token: AccessTokenRecord
        let grant: GrantRecord
        switch try await LiveTokenLookup(grants: grants).standing(of: request.accessToken, at: now) {
        case .live(let found, let itsGrant): (token, grant) = (found, itsGrant)
        case .dead(let reason, let found): return inactive(reason, found)
        }
        // §3.3: "is bound using the `proof` method indicated".
        if let proof = request.proof, token.boundKey?.proof.method != proof {
            return inactive("not bound with '\(proof)'", token)
        }
        let access = scope.filter(token.access)
        guard !access.isEmpty else { return inactive("none of its rights is served by this resource server", token) }
        // §3.3: "is appropriate for the `access` indicated (if present)".
        if let wanted = request.access,
            !wanted.allSatisfy({ right in access.contains { right.isCovered(by: $0) } })
        {
            return inactive("its rights do not cover the access asked about", token)
        }
        let description = IntrospectedToken(
            access: access, key: token.boundKey.map { .value($0.keyValue) },
            flags: token.flags.isEmpty ? nil : token.flags,
            exp: token.expiresAt?.unixSeconds, iat: token.issuedAt.unixSeconds,
            aud: TokenAudience.of(access).map(Audience.multiple), sub: token.subject, iss: publicURL.grantEndpoint,
            instanceID: token.parentTokenID == nil ? grant.instanceID : nil, label: token.label, jti: token.id,
            format: token.format)
        return Verdict(
            response: .active(description), token: token, reason: "active with \(access.count) right(s) disclosed")
    }

    private func audit(_ verdict: Verdict, server: ResourceServerRecord, now: WallInstant) async {
        let subject = verdict.token.map { "token \($0.id)" } ?? "an unknown token"
        let state = verdict.response.token == nil ? "inactive" : "active"
        // The audit write is best effort: the answer does not depend on it, and an RS must not be refused because
        // the log is busy.
        try? await administration.appendAudit([
            AuditEvent(
                grantID: verdict.token?.grantID, at: now, kind: .tokenIntrospected,
                detail: "resource server \(server.id) introspected \(subject): \(state) (\(verdict.reason))")
        ])
    }
}

/// The audience of a token (RFC 9767 §2.1.3): the origins of its rights' locations, the RSes it can be used at.
enum TokenAudience {
    static func of(_ access: [AccessRight]) -> [String]? {
        var origins: [String] = []
        for case .object(let object) in access {
            for location in object.locations ?? [] {
                guard let origin = origin(of: location), !origins.contains(origin) else { continue }
                origins.append(origin)
            }
        }
        return origins.isEmpty ? nil : origins
    }

    /// `scheme://authority` of an absolute URL, lowercased scheme and host.
    static func origin(of location: String) -> String? {
        guard let range = location.range(of: "://") else { return nil }
        let scheme = location[..<range.lowerBound].lowercased()
        let rest = location[range.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !scheme.isEmpty, !authority.isEmpty else { return nil }
        return scheme + "://" + authority.lowercased()
    }
}
