/// The AS's persistent state. Implemented by GNAPStorage (SQLite); the server sees only this protocol.
public protocol GrantStore: AdministrationStore {
    // MARK: Grants
    func insertGrant(_ grant: GrantRecord, audit: [AuditEvent]) async throws
    func grant(id: String) async throws -> GrantRecord?
    func grant(userCodeHash: String) async throws -> GrantRecord?
    /// The grant whose `redirect`/`app` interaction id hashes to this value (§3.3.1).
    func grant(interactionIDHash: String) async throws -> GrantRecord?
    /// Reads, mutates and writes one grant in a single transaction, together with the tokens and audit events the
    /// mutation produced. Throws ``StoreError/notFound`` for an unknown id; if `body` throws, nothing is written.
    func updateGrant<Result: Sendable>(
        id: String, _ body: @Sendable (inout GrantRecord) throws -> GrantMutation<Result>
    ) async throws -> Result

    // MARK: Tokens
    func accessToken(hash: String) async throws -> AccessTokenRecord?
    func accessToken(id: String) async throws -> AccessTokenRecord?
    func accessTokens(grantID: String) async throws -> [AccessTokenRecord]
    /// Reads, mutates and writes one access token in a single transaction (with any audit events).
    func updateAccessToken<Result: Sendable>(
        id: String, _ body: @Sendable (inout AccessTokenRecord) throws -> GrantMutation<Result>
    ) async throws -> Result

    // MARK: Client instances
    func insertClientInstance(_ instance: ClientInstanceRecord) async throws
    func clientInstance(id: String) async throws -> ClientInstanceRecord?
    func clientInstance(thumbprint: String) async throws -> ClientInstanceRecord?
    /// Binds a client instance to a new key in one transaction: the instance, its unfinished grants (their
    /// continuation) and the tokens still bound to the old key all move to the new key ("or its most recent
    /// rotation", RFC 9635 §7.2).
    func rotateClientInstanceKey(id: String, to key: ClientKeyBinding, audit: [AuditEvent]) async throws
    /// Makes the pre-registered clients exactly `clients` (all with `registered` set), in one transaction: new ones
    /// are inserted, known ones take the registry's key and display, and instances no longer listed stop being
    /// registered (they keep working as ordinary, unvetted instances). A `clients` identifier already used by a
    /// dynamic instance is a ``StoreError/conflict(_:)``.
    func registerClients(_ clients: [ClientInstanceRecord], audit: [AuditEvent]) async throws

    // MARK: Accounts and devices
    func insertAccount(_ account: Account) async throws
    func account(id: String) async throws -> Account?
    func account(username: String) async throws -> Account?
    func accounts() async throws -> [Account]
    /// The account whose `opaque` subject identifier is `opaqueSubject` (it doubles as the user reference, §2.4.1).
    func account(opaqueSubject: String) async throws -> Account?
    /// Changes an account in one transaction; when `body` changed anything, `updatedAt` becomes `now`. Returns the
    /// stored account. Throws ``StoreError/notFound(_:)`` for an unknown id.
    @discardableResult
    func updateAccount(id: String, at now: WallInstant, _ body: @Sendable (inout Account) throws -> Void)
        async throws -> Account
    func insertEnrollmentCode(_ code: EnrollmentCodeRecord) async throws
    /// Marks the code used and returns it, atomically, if it exists, is unused and has not expired at `now`.
    func redeemEnrollmentCode(hash: String, at now: WallInstant) async throws -> EnrollmentCodeRecord?
    func insertDevice(_ device: ApproverDevice) async throws
    func device(id: String) async throws -> ApproverDevice?
    func device(thumbprint: String) async throws -> ApproverDevice?
    func devices(accountID: String) async throws -> [ApproverDevice]
    func touchDevice(id: String, at now: WallInstant) async throws

    // MARK: Secrets and audit
    /// A named AS secret (e.g. the user-code pepper), created with `create` on first use.
    func secret(named name: String, create: @Sendable () -> [UInt8]) async throws -> [UInt8]
    func appendAudit(_ events: [AuditEvent]) async throws
    func auditEvents(grantID: String) async throws -> [AuditEvent]
}

/// Store failures the callers distinguish.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(String)
    case conflict(String)

    public var description: String {
        switch self {
        case .notFound(let what): "\(what) not found"
        case .conflict(let what): "\(what) already exists"
        }
    }
}
