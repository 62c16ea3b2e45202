/// Access tokens of a grant to revoke in the same transaction as a grant update: on modification only those the AS
/// did not flag `durable` (RFC 9635 §3.2.1, §5.3), on cancellation all of them (§5.4).
public struct TokenRevocation: Sendable, Hashable {
    /// Whether tokens flagged `durable` stay active.
    public var keepsDurable: Bool
    public var at: WallInstant
    /// Why, for the audit event written for each revoked token; never contains secrets.
    public var reason: String

    public init(keepsDurable: Bool, at: WallInstant, reason: String) {
        self.keepsDurable = keepsDurable
        self.at = at
        self.reason = reason
    }
}
