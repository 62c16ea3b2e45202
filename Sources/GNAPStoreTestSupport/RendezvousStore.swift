import GNAP

/// A ``GrantStore`` for tests of racing requests: every call goes to `base`, but ``updateGrant(id:_:)`` first passes
/// the ``gate``. When the gate is armed, two racing continuation calls (RFC 9635 §5) have both read the grant and
/// checked their continuation token before either transaction starts, so the check inside the transaction is the
/// only thing that can decide between them.
public struct RendezvousStore: GrantStore {
    public let base: any GrantStore
    public let gate: RendezvousGate

    public init(_ base: any GrantStore, gate: RendezvousGate = RendezvousGate()) {
        self.base = base
        self.gate = gate
    }

    public func updateGrant<Result: Sendable>(
        id: String, _ body: @Sendable (inout GrantRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        await gate.arrive()
        return try await base.updateGrant(id: id, body)
    }

    public func insertGrant(_ grant: GrantRecord, audit: [AuditEvent]) async throws {
        try await base.insertGrant(grant, audit: audit)
    }
    public func grant(id: String) async throws -> GrantRecord? { try await base.grant(id: id) }
    public func grant(userCodeHash: String) async throws -> GrantRecord? {
        try await base.grant(userCodeHash: userCodeHash)
    }
    public func grant(interactionIDHash: String) async throws -> GrantRecord? {
        try await base.grant(interactionIDHash: interactionIDHash)
    }
    public func accessToken(hash: String) async throws -> AccessTokenRecord? { try await base.accessToken(hash: hash) }
    public func accessToken(id: String) async throws -> AccessTokenRecord? { try await base.accessToken(id: id) }
    public func accessTokens(grantID: String) async throws -> [AccessTokenRecord] {
        try await base.accessTokens(grantID: grantID)
    }
    public func updateAccessToken<Result: Sendable>(
        id: String, _ body: @Sendable (inout AccessTokenRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        try await base.updateAccessToken(id: id, body)
    }
    public func insertClientInstance(_ instance: ClientInstanceRecord) async throws {
        try await base.insertClientInstance(instance)
    }
    public func clientInstance(id: String) async throws -> ClientInstanceRecord? {
        try await base.clientInstance(id: id)
    }
    public func clientInstance(thumbprint: String) async throws -> ClientInstanceRecord? {
        try await base.clientInstance(thumbprint: thumbprint)
    }
    public func rotateClientInstanceKey(id: String, to key: ClientKeyBinding, audit: [AuditEvent]) async throws {
        try await base.rotateClientInstanceKey(id: id, to: key, audit: audit)
    }
    public func registerClients(_ clients: [ClientInstanceRecord], audit: [AuditEvent]) async throws {
        try await base.registerClients(clients, audit: audit)
    }
    public func insertAccount(_ account: Account) async throws { try await base.insertAccount(account) }
    public func account(opaqueSubject: String) async throws -> Account? {
        try await base.account(opaqueSubject: opaqueSubject)
    }
    @discardableResult
    public func updateAccount(id: String, at now: WallInstant, _ body: @Sendable (inout Account) throws -> Void)
        async throws -> Account
    {
        try await base.updateAccount(id: id, at: now, body)
    }
    public func account(id: String) async throws -> Account? { try await base.account(id: id) }
    public func account(username: String) async throws -> Account? { try await base.account(username: username) }
    public func accounts() async throws -> [Account] { try await base.accounts() }
    public func insertEnrollmentCode(_ code: EnrollmentCodeRecord) async throws {
        try await base.insertEnrollmentCode(code)
    }
    public func redeemEnrollmentCode(hash: String, at now: WallInstant) async throws -> EnrollmentCodeRecord? {
        try await base.redeemEnrollmentCode(hash: hash, at: now)
    }
    public func insertDevice(_ device: ApproverDevice) async throws { try await base.insertDevice(device) }
    public func device(id: String) async throws -> ApproverDevice? { try await base.device(id: id) }
    public func device(thumbprint: String) async throws -> ApproverDevice? {
        try await base.device(thumbprint: thumbprint)
    }
    public func devices(accountID: String) async throws -> [ApproverDevice] {
        try await base.devices(accountID: accountID)
    }
    public func touchDevice(id: String, at now: WallInstant) async throws {
        try await base.touchDevice(id: id, at: now)
    }
    public func secret(named name: String, create: @Sendable () -> [UInt8]) async throws -> [UInt8] {
        try await base.secret(named: name, create: create)
    }
    public func appendAudit(_ events: [AuditEvent]) async throws { try await base.appendAudit(events) }
    public func auditEvents(grantID: String) async throws -> [AuditEvent] {
        try await base.auditEvents(grantID: grantID)
    }
}
