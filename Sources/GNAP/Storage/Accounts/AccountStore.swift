/// The people who may approve requests (accounts), their approver devices and the one-time enrollment codes that
/// enroll a device. Every change that is audited writes its audit events in the same transaction.
public protocol AccountStore: Sendable {
    // MARK: Accounts
    /// Inserts an account with its audit events; a username taken already is a ``StoreError/conflict(_:)``.
    func insertAccount(_ account: Account, audit: [AuditEvent]) async throws
    func account(id: String) async throws -> Account?
    func account(username: String) async throws -> Account?
    /// The account whose `opaque` subject identifier is `opaqueSubject` (it doubles as the user reference, §2.4.1).
    func account(opaqueSubject: String) async throws -> Account?
    /// Every account, by username.
    func accounts() async throws -> [Account]
    /// Changes an account in one transaction; when `body` changed anything, `updatedAt` becomes `now` and the events
    /// `audit` makes of the changed account are written with it. Returns the stored account. Throws
    /// ``StoreError/notFound(_:)`` for an unknown id.
    @discardableResult
    func updateAccount(
        id: String, at now: WallInstant, audit: @escaping @Sendable (Account) -> [AuditEvent],
        _ body: @escaping @Sendable (inout Account) throws -> Void
    ) async throws -> Account

    // MARK: Enrollment
    /// Inserts a one-time enrollment code (stored hashed) with its audit events.
    func insertEnrollmentCode(_ code: EnrollmentCodeRecord, audit: [AuditEvent]) async throws
    /// The enrollment code hashing to `hash`, used or not, expired or not.
    func enrollmentCode(hash: String) async throws -> EnrollmentCodeRecord?
    /// Enrolls an approver device in one transaction: redeems the code hashing to `codeHash` (unused, and unexpired
    /// at `now`), and inserts the device `enroll` makes for the code's account, with the audit events it returns.
    /// Returns nil and writes nothing when the code is unknown, used or expired, or `enroll` returns nil (e.g. the
    /// account is disabled); a key enrolled already is a ``StoreError/conflict(_:)``.
    func enrollDevice(
        codeHash: String, at now: WallInstant,
        _ enroll: @escaping @Sendable (Account) -> (device: ApproverDevice, audit: [AuditEvent])?
    ) async throws -> (device: ApproverDevice, account: Account)?

    // MARK: Devices
    func device(id: String) async throws -> ApproverDevice?
    func device(thumbprint: String) async throws -> ApproverDevice?
    func devices(accountID: String) async throws -> [ApproverDevice]
    /// Notes when the device last made an authenticated call.
    func touchDevice(id: String, at now: WallInstant) async throws
    /// Marks a device revoked at `now` (once; revoking again changes nothing) with its audit events; returns it.
    /// Throws ``StoreError/notFound(_:)`` for an unknown id.
    @discardableResult
    func revokeDevice(id: String, at now: WallInstant, audit: [AuditEvent]) async throws -> ApproverDevice
    /// In one transaction: enrolls `replacement` and revokes device `id` at `now`, with the audit events. Throws
    /// ``StoreError/conflict(_:)`` when the replacement key is enrolled already or the old device is revoked.
    func replaceDevice(id: String, with replacement: ApproverDevice, at now: WallInstant, audit: [AuditEvent])
        async throws
}

extension AccountStore {
    /// Inserts an account without an audit entry (fixtures, tests).
    public func insertAccount(_ account: Account) async throws { try await insertAccount(account, audit: []) }

    /// Inserts an enrollment code without an audit entry (fixtures, tests).
    public func insertEnrollmentCode(_ code: EnrollmentCodeRecord) async throws {
        try await insertEnrollmentCode(code, audit: [])
    }

    /// Changes an account without an audit entry (see ``updateAccount(id:at:audit:_:)``).
    @discardableResult
    public func updateAccount(
        id: String, at now: WallInstant, _ body: @escaping @Sendable (inout Account) throws -> Void
    )
        async throws -> Account
    {
        try await updateAccount(id: id, at: now, audit: { _ in [] }, body)
    }
}
