import GNAP

/// Token chaining (RFC 9767 §4): an RS, acting as a client with its own key, presents a token it received
/// (`existing_access_token`) at the grant endpoint and gets a derived token for a downstream RS. Decided by policy,
/// with no person: the RS must be known to the AS, the presented token must work and concern that RS ("appropriate
/// for use at the RS making the token chaining request"), and the derived token carries no right the presented one
/// lacks. It is bound to the RS's key, belongs to the same grant (revoking the grant revokes it) and works only
/// while the presented token does. Audited.
struct TokenChainingService: Sendable {
    let servers: any ResourceServerStore
    let grants: any GrantStore
    let proof: ClientProof
    let expander: ResourceSetExpander
    let minter: TokenMinter
    let settings: ResourceServerSettings
    let clock: AnyWallClock

    /// Whether a grant request body is a chaining request (it carries `existing_access_token`).
    static func isChainingRequest(_ body: [UInt8]) -> Bool {
        (try? GNAPJSON.decode(Probe.self, from: body))?.existingAccessToken != nil
    }

    private struct Probe: Decodable {
        var existingAccessToken: JSONValue?

        private enum CodingKeys: String, CodingKey {
            case existingAccessToken = "existing_access_token"
        }
    }

    /// What every refusal about the presented token says, whatever the reason, so an RS learns nothing about tokens
    /// that are not its own.
    static let unusableToken = "the presented access token cannot be used to derive a token at this resource server"

    func derive(_ signed: SignedRequest) async throws(APIError) -> GrantResponse {
        guard settings.allowsTokenChaining else {
            throw APIError(GNAPError(.invalidRequest, "this AS does not derive tokens for resource servers"))
        }
        let (request, presented, tokenRequest) = try Self.read(signed.body)
        let server = try await authenticate(request, signed)
        let now = clock.now
        do {
            guard
                case .live(let original, _) = try await LiveTokenLookup(grants: grants).standing(of: presented, at: now),
                !ResourceServerScope(server: server, sets: try await servers.resourceSets(resourceServerID: server.id))
                    .filter(original.access).isEmpty
            else { throw APIError(GNAPError(.requestDenied, Self.unusableToken)) }
            let (wanted, formats) = try await expander.expand([tokenRequest])
            let access = wanted[0].access
            // "never broader than the original": every right must be covered by one of the presented token's.
            if let broader = access.first(where: { right in !original.access.contains { right.isCovered(by: $0) } }) {
                throw APIError(
                    GNAPError(
                        .requestDenied,
                        "a derived token cannot carry more than the presented one: '\(broader.summary)' is not in it"))
            }
            return try await issue(
                access: access, label: tokenRequest.label, format: formats.first ?? nil,
                from: original, to: server, now: now)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not derive the token"))
        }
    }

    /// The request, the presented token and the one token asked for; shape problems per §4 (`invalid_request`).
    private static func read(_ body: [UInt8]) throws(APIError) -> (GrantRequest, String, AccessTokenRequest) {
        do {
            let request = try GNAPJSON.decodeRequest(GrantRequest.self, from: body)
            let presented = try request.validateChaining()
            guard case .single(let token)? = request.accessToken else {
                throw GNAPError(.invalidRequest, "a chaining request asks for exactly one access token")
            }
            guard
                token.access.allSatisfy({ right in
                    if case .object(let object) = right { !object.type.isEmpty } else { right != .reference("") }
                })
            else { throw GNAPError(.invalidRequest, "'access_token.access' has an empty type or reference") }
            if let flags = token.flags, !flags.isEmpty {
                throw GNAPError(
                    .invalidFlag, "a derived token is bound to the resource server's key and takes no flags")
            }
            if request.subject != nil || request.user != nil {
                throw GNAPError(.invalidRequest, "a derived token carries access only; leave out 'subject' and 'user'")
            }
            return (request, presented, token)
        } catch let error as GNAPError {
            throw APIError(error)
        } catch {
            throw APIError(GNAPError(.invalidRequest, "the chaining request is malformed"))
        }
    }

    /// §4: "the RS MUST identify itself with its own key in the `client` field and sign the request". Only an RS the
    /// AS knows may derive tokens (by key or by its identifier).
    private func authenticate(_ request: GrantRequest, _ signed: SignedRequest) async throws(APIError)
        -> ResourceServerRecord
    {
        let found: ResourceServerRecord?
        do {
            switch request.client {
            case .reference(let id)?: found = try await servers.resourceServer(id: id)
            case .value(let value)?:
                found = try await servers.resourceServer(thumbprint: try ClientKeyBinding(value.key).thumbprint)
            case nil: found = nil
            }
        } catch let error as GNAPError {
            throw APIError(error)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not look up the client"))
        }
        guard let server = found else {
            throw APIError(GNAPError(.invalidClient, "only a resource server known to the AS may derive tokens"))
        }
        try await proof.verify(signed, key: server.key)
        AuditContext.current?.identify("rs:\(server.id)")
        return server
    }

    private func issue(
        access: [AccessRight], label: String?, format: String?, from original: AccessTokenRecord,
        to server: ResourceServerRecord, now: WallInstant
    ) async throws -> GrantResponse {
        let lifetime = now.advanced(by: settings.derivedTokenLifetime)
        var record = AccessTokenRecord(
            id: Secrets.identifier(), grantID: original.grantID, tokenHash: "", label: label, access: access,
            flags: [], boundKey: server.key, issuedAt: now,
            expiresAt: original.expiresAt.map { min($0, lifetime) } ?? lifetime)
        record.parentTokenID = original.id
        record.subject = original.subject
        let value = try minter.mint(&record, format: minter.format(requiring: format), instanceID: server.id)
        let derived = record
        let response = GrantResponse(
            accessToken: .single(
                AccessTokenResponse(
                    value: value, label: label, access: access,
                    expiresIn: derived.expiresAt.map { Int(now.duration(to: $0).components.seconds) })),
            instanceID: server.id)
        let answer: GrantResponse? = try await grants.updateAccessToken(id: original.id) { token in
            // Re-checked inside the transaction: a revocation that just committed wins.
            guard token.isActive(at: now) else { return GrantMutation(nil) }
            return GrantMutation(
                response, issuedTokens: [derived],
                audit: [
                    AuditEvent(
                        grantID: derived.grantID, at: now, kind: .tokenDerived,
                        detail: "resource server \(server.id) derived token \(derived.id) from token \(original.id): "
                            + access.map(\.summary).joined(separator: "; "))
                ])
        }
        guard let answer else { throw APIError(GNAPError(.requestDenied, Self.unusableToken)) }
        return answer
    }
}
