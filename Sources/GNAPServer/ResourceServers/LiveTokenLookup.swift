import GNAP

/// Finds an access token by its value and decides whether it works now, the one rule introspection (RFC 9767 §3.3)
/// and token chaining (§4) share: issued by this AS, not revoked (a rotated token's old value is simply not found),
/// not expired, derived only from a token that still works, and of a grant that was not cancelled or denied.
struct LiveTokenLookup: Sendable {
    let grants: any GrantStore

    enum Standing: Sendable {
        case live(AccessTokenRecord, GrantRecord)
        /// Why not, for the audit log only; `token` when one was found.
        case dead(String, AccessTokenRecord?)
    }

    func standing(of value: String, at now: WallInstant) async throws -> Standing {
        // Only access tokens are found by their value: continuation and management tokens live in other columns, so
        // an AS-specific token never works here (§2.1.14).
        guard let token = try await grants.accessToken(hash: Secrets.hash(value)) else {
            return .dead("unknown token", nil)
        }
        guard token.isActive(at: now) else { return .dead(token.revokedAt != nil ? "revoked" : "expired", token) }
        if let parentID = token.parentTokenID {
            guard let parent = try await grants.accessToken(id: parentID), parent.isActive(at: now) else {
                return .dead("the token it was derived from no longer works", token)
            }
        }
        guard let grant = try await grants.grant(id: token.grantID) else { return .dead("no grant", token) }
        if let outcome = grant.lifecycle.outcome, outcome != .issued {
            return .dead("its grant ended (\(outcome.rawValue))", token)
        }
        return .live(token, grant)
    }
}
