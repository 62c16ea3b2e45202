/// The result of a transactional grant update plus what must be written with it.
public struct GrantMutation<Result: Sendable>: Sendable {
    public var result: Result
    public var issuedTokens: [AccessTokenRecord]
    public var audit: [AuditEvent]
    /// The grant's earlier tokens to revoke, in order (before `issuedTokens` are stored); only for grant updates.
    public var revocations: [TokenRevocation]

    public init(
        _ result: Result, issuedTokens: [AccessTokenRecord] = [], audit: [AuditEvent] = [],
        revoking revocations: [TokenRevocation] = []
    ) {
        self.result = result
        self.issuedTokens = issuedTokens
        self.audit = audit
        self.revocations = revocations
    }
}
