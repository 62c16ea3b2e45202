/// Access tokens of a grant to revoke in the same transaction as a grant update: on modification only those the AS
/// did not flag `durable` (RFC 9635 §3.2.1, §5.3), on cancellation all of them (§5.4), on a repeated continuation call
/// exactly those the lost answer issued (``ContinuationCallRecord``).
public struct TokenRevocation: Sendable, Hashable {
    /// Whether tokens flagged `durable` stay active.
    public var keepsDurable: Bool
    /// Only these of the grant's active tokens (nil: all of them).
    public var tokenIDs: Set<String>?
    public var at: WallInstant
    /// Why, for the audit event written for each revoked token; never contains secrets.
    public var reason: String

    public init(keepsDurable: Bool, tokenIDs: Set<String>? = nil, at: WallInstant, reason: String) {
        self.keepsDurable = keepsDurable
        self.tokenIDs = tokenIDs
        self.at = at
        self.reason = reason
    }

    /// Whether the revocation applies to an active token of the grant.
    public func applies(to token: AccessTokenRecord) -> Bool {
        if let tokenIDs, !tokenIDs.contains(token.id) { return false }
        return !(keepsDurable && token.isDurable)
    }
}
