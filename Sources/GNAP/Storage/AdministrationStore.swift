/// What the admin API, the interaction API's listings, live events and the expiry service need from the AS store,
/// beyond single-grant access. Part of every ``GrantStore``.
public protocol AdministrationStore: Sendable {
    /// Audit entries matching `query`, oldest first.
    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry]
    /// The position of the newest audit entry (0 when the log is empty).
    func latestAuditEntryID() async throws -> Int64
    /// One page of grants, newest first.
    func grants(_ query: GrantQuery) async throws -> GrantPage
    /// How many grants are in each status, and how many finalized grants ended each way.
    func grantCounts() async throws -> GrantCounts
    /// Marks a device revoked at `now` (once; revoking again changes nothing) with its audit events; returns it.
    /// Throws ``StoreError/notFound(_:)`` for an unknown id.
    @discardableResult
    func revokeDevice(id: String, at now: WallInstant, audit: [AuditEvent]) async throws -> ApproverDevice
    /// In one transaction: enrolls `replacement` and revokes device `id` at `now`, with the audit events. Throws
    /// ``StoreError/conflict(_:)`` when the replacement key is enrolled already or the old device is revoked.
    func replaceDevice(id: String, with replacement: ApproverDevice, at now: WallInstant, audit: [AuditEvent])
        async throws
    /// Like ``GrantStore/updateGrant(id:_:)``, and in the same transaction revokes every unrevoked token of the grant
    /// at `now` when the mutation asks for it (`revokeTokens`).
    func updateGrant<Result: Sendable>(
        id: String, revokingTokensAt now: WallInstant,
        _ body: @Sendable (inout GrantRecord) throws -> (mutation: GrantMutation<Result>, revokeTokens: Bool)
    ) async throws -> Result
    /// Pending grants whose interaction expired at or before `now` and that are not yet marked expired.
    func expiredPendingGrantIDs(at now: WallInstant, limit: Int) async throws -> [String]
    /// The earliest interaction expiry of a pending grant, or expiry of an unused enrollment code not yet marked
    /// expired, if any.
    func nextInteractionExpiry() async throws -> WallInstant?
    /// Marks every unused enrollment code that expired at or before `now` as expired, once, writing the audit
    /// event `event` makes for each in the same transaction; returns how many.
    func expireEnrollmentCodes(at now: WallInstant, _ event: @Sendable (EnrollmentCodeRecord) -> AuditEvent)
        async throws -> Int
}

/// A filter for listing grants. Nil members do not filter.
public struct GrantQuery: Sendable, Hashable {
    public var status: GrantStatus?
    public var outcome: GrantOutcome?
    /// The client instance id.
    public var instanceID: String?
    /// The account the interaction is bound to (the approver).
    public var accountID: String?
    public var createdAfter: WallInstant?
    public var createdBefore: WallInstant?
    /// Only grants with at least one access token that is active at this instant.
    public var activeTokensAt: WallInstant?
    /// Only grants that were approved or denied (not merely pending).
    public var decided: Bool
    /// Opaque position from a previous page's ``GrantPage/nextCursor``.
    public var cursor: String?
    public var limit: Int

    public init(
        status: GrantStatus? = nil, outcome: GrantOutcome? = nil, instanceID: String? = nil, accountID: String? = nil,
        createdAfter: WallInstant? = nil, createdBefore: WallInstant? = nil, activeTokensAt: WallInstant? = nil,
        decided: Bool = false, cursor: String? = nil, limit: Int = 50
    ) {
        self.status = status
        self.outcome = outcome
        self.instanceID = instanceID
        self.accountID = accountID
        self.createdAfter = createdAfter
        self.createdBefore = createdBefore
        self.activeTokensAt = activeTokensAt
        self.decided = decided
        self.cursor = cursor
        self.limit = limit
    }
}

public struct GrantPage: Sendable, Hashable {
    public var grants: [GrantRecord]
    /// Pass as ``GrantQuery/cursor`` for the next page; nil on the last page.
    public var nextCursor: String?

    public init(grants: [GrantRecord], nextCursor: String?) {
        self.grants = grants
        self.nextCursor = nextCursor
    }
}

public struct GrantCounts: Sendable, Hashable, Codable {
    public var byStatus: [String: Int]
    public var byOutcome: [String: Int]

    public init(byStatus: [String: Int], byOutcome: [String: Int]) {
        self.byStatus = byStatus
        self.byOutcome = byOutcome
    }

    private enum CodingKeys: String, CodingKey {
        case byStatus = "by_status"
        case byOutcome = "by_outcome"
    }
}
