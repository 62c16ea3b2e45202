import GNAP

/// The administration half of ``GrantStore``, forwarded unchanged: only single-grant updates race in these tests.
extension RendezvousStore {
    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        try await base.auditEntries(query)
    }
    public func latestAuditEntryID() async throws -> Int64 { try await base.latestAuditEntryID() }
    public func grants(_ query: GrantQuery) async throws -> GrantPage { try await base.grants(query) }
    public func grantCounts() async throws -> GrantCounts { try await base.grantCounts() }
    @discardableResult
    public func revokeDevice(id: String, at now: WallInstant, audit: [AuditEvent]) async throws -> ApproverDevice {
        try await base.revokeDevice(id: id, at: now, audit: audit)
    }
    public func replaceDevice(
        id: String, with replacement: ApproverDevice, at now: WallInstant, audit: [AuditEvent]
    ) async throws {
        try await base.replaceDevice(id: id, with: replacement, at: now, audit: audit)
    }
    public func updateGrant<Result: Sendable>(
        id: String, revokingTokensAt now: WallInstant,
        _ body: @Sendable (inout GrantRecord) throws -> (mutation: GrantMutation<Result>, revokeTokens: Bool)
    ) async throws -> Result {
        await gate.arrive()
        return try await base.updateGrant(id: id, revokingTokensAt: now, body)
    }
    public func expiredPendingGrantIDs(at now: WallInstant, limit: Int) async throws -> [String] {
        try await base.expiredPendingGrantIDs(at: now, limit: limit)
    }
    public func nextInteractionExpiry() async throws -> WallInstant? { try await base.nextInteractionExpiry() }
    public func expireEnrollmentCodes(
        at now: WallInstant, _ event: @Sendable (EnrollmentCodeRecord) -> AuditEvent
    ) async throws -> Int {
        try await base.expireEnrollmentCodes(at: now, event)
    }
}
