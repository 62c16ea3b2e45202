/// The audit log and what administration reads across grants: listings with a cursor, counts, and the expiry
/// queries of the expiry service. Used by the admin API, the approver's own listings, the live event stream and
/// every service that writes an audit entry outside a grant, account or device change.
public protocol AdministrationStore: Sendable {
    // MARK: Audit log
    /// Appends audit events in one transaction (stamped with the current ``AuditContext``).
    func appendAudit(_ events: [AuditEvent]) async throws
    /// Audit entries matching `query`, oldest first.
    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry]
    /// The position of the newest audit entry (0 when the log is empty).
    func latestAuditEntryID() async throws -> Int64

    // MARK: Listings and counts
    /// One page of grants, newest first. An unknown cursor is ``StoreError/notFound(_:)``.
    func grants(_ query: GrantQuery) async throws -> GrantPage
    /// How many grants are in each status, and how many finalized grants ended each way.
    func grantCounts() async throws -> GrantCounts

    // MARK: Expiry
    /// Pending grants whose interaction expired at or before `now` and that are not yet marked expired.
    func expiredPendingGrantIDs(at now: WallInstant, limit: Int) async throws -> [String]
    /// The earliest interaction expiry of a pending grant, or expiry of an unused enrollment code not yet marked
    /// expired, if any.
    func nextInteractionExpiry() async throws -> WallInstant?
    /// Marks every unused enrollment code that expired at or before `now` as expired, once, writing the audit
    /// event `event` makes for each in the same transaction; returns how many.
    func expireEnrollmentCodes(at now: WallInstant, _ event: @escaping @Sendable (EnrollmentCodeRecord) -> AuditEvent)
        async throws -> Int
}

extension AdministrationStore {
    /// Every audit event of one grant, oldest first.
    public func auditEvents(grantID: String) async throws -> [AuditEvent] {
        try await auditEntries(AuditQuery(grantID: grantID, limit: .max)).map(\.event)
    }
}
