/// Asynchronous requests (RFC 9635 §1.6.3) as their resource owner's inbox, and the limits that protect that person
/// from authorization fatigue (§13). Grants themselves stay in ``GrantStore`` (an inbox grant is a grant with
/// ``GrantLifecycleState/inbox`` set, whose addressee the store keeps in a column); this protocol adds what is about
/// a client and a user together: the admission of a new request under the limits, the request log those limits
/// count, the deliveries to terminals, and the blocks a person lifts.
///
/// A backend implements it next to the other store protocols (SQLite: `ASDatabase+Inbox.swift`, with the schema in
/// the migration `2026-12-02-inbox`).
public protocol InboxStore: Sendable {
    /// In one write transaction: counts the standing of `key`'s client and user at `now` (pending requests whose
    /// interaction has not expired; requests logged since `now - window`; the user's denials in a row of the client's
    /// inbox requests since the user last lifted a block, counted up to `streakLimit`; an identical pending request),
    /// lets `decide` choose, and writes what it chose: ``InboxAdmission/create(_:audit:)`` inserts the grant with its
    /// audit events and logs the request, ``InboxAdmission/merge(grantID:)`` logs the request (the caller then changes
    /// that grant), ``InboxAdmission/refuse(_:audit:)`` writes the audit event only. Returns what `decide` returned.
    func admitInboxRequest(
        _ key: InboxRequestKey, at now: WallInstant, window: Duration, streakLimit: Int,
        _ decide: @escaping @Sendable (InboxStanding) -> InboxAdmission
    ) async throws -> InboxAdmission

    /// The requests waiting for `accountID` at `now` (pending, interaction not expired), oldest first (by creation,
    /// then id), only those after `cursor` (the last request of the previous page) when one
    /// is given, at most `limit`.
    func inboxGrants(accountID: String, at now: WallInstant, after cursor: GrantCursor?, limit: Int) async throws
        -> [GrantRecord]

    /// The audit entries of `accountID`'s inbox after `position`, oldest first: every entry about a grant addressed
    /// to the account, and the account's own `inbox.*` entries (blocks lifted). The position is the audit entry id,
    /// as in the admin event stream.
    func inboxEntries(accountID: String, after position: Int64, limit: Int) async throws -> [AuditEntry]

    /// Notes that `deviceID` received these requests (once per request and device: repeats change nothing), writing
    /// the audit event `audit` makes for each first delivery in the same transaction. Returns the first deliveries.
    @discardableResult
    func recordInboxDeliveries(
        grantIDs: [String], deviceID: String, at now: WallInstant,
        audit: @escaping @Sendable (String) -> AuditEvent
    ) async throws -> Int

    /// Every delivery of these requests, by request in order of delivery.
    func inboxDeliveries(grantIDs: [String]) async throws -> [String: [InboxDeliveryReceipt]]

    /// The clients whose asynchronous requests `accountID` denied `streakLimit` times in a row since last lifting a
    /// block: they are refused until the person lifts the block.
    func inboxBlocks(accountID: String, streakLimit: Int) async throws -> [InboxBlock]

    /// Lifts the block of `instanceID` for `accountID` at `now` (denials before it no longer count), with its audit
    /// events.
    func liftInboxBlock(instanceID: String, accountID: String, at now: WallInstant, audit: [AuditEvent]) async throws
}

/// Whose standing an asynchronous request is admitted under: one client instance, one account, and what the request
/// asks for (``InboxLimits/fingerprint(of:)``), to find an identical pending one.
public struct InboxRequestKey: Sendable, Hashable {
    public var instanceID: String
    public var accountID: String
    public var fingerprint: String

    public init(instanceID: String, accountID: String, fingerprint: String) {
        self.instanceID = instanceID
        self.accountID = accountID
        self.fingerprint = fingerprint
    }
}

/// What the store counted for one client and user, inside the admission transaction.
public struct InboxStanding: Sendable, Hashable {
    /// Pending requests whose interaction has not expired.
    public var pending: Int
    /// Requests logged within the window (created and merged alike).
    public var requestsInWindow: Int
    /// The person's denials in a row of this client's requests since they last lifted a block (up to the limit).
    public var denialStreak: Int
    /// A pending request of this client for this person that asks for exactly the same, if any.
    public var identicalPendingGrantID: String?

    public init(pending: Int, requestsInWindow: Int, denialStreak: Int, identicalPendingGrantID: String? = nil) {
        self.pending = pending
        self.requestsInWindow = requestsInWindow
        self.denialStreak = denialStreak
        self.identicalPendingGrantID = identicalPendingGrantID
    }
}

/// What to do with an asynchronous request (``InboxLimits/decide(_:creating:audit:refusalAudit:)``).
public enum InboxAdmission: Sendable {
    /// Store this new grant with these audit events.
    case create(GrantRecord, audit: [AuditEvent])
    /// Merge the request into this identical pending grant.
    case merge(grantID: String)
    /// Refuse it with this error; only the audit event is written.
    case refuse(GNAPError, audit: AuditEvent)
}

/// One terminal that received an inbox request.
public struct InboxDeliveryReceipt: Sendable, Hashable, Codable {
    public var grantID: String
    public var deviceID: String
    public var deliveredAt: WallInstant

    public init(grantID: String, deviceID: String, deliveredAt: WallInstant) {
        self.grantID = grantID
        self.deviceID = deviceID
        self.deliveredAt = deliveredAt
    }

    private enum CodingKeys: String, CodingKey {
        case grantID = "grant_id"
        case deviceID = "device_id"
        case deliveredAt = "delivered_at"
    }
}

/// A client whose asynchronous requests a person keeps denying: refused until they lift the block (§13).
public struct InboxBlock: Sendable, Hashable, Codable {
    public var instanceID: String
    public var clientName: String?
    /// The denials in a row that caused it.
    public var denials: Int
    /// The last of those denials.
    public var since: WallInstant

    public init(instanceID: String, clientName: String?, denials: Int, since: WallInstant) {
        self.instanceID = instanceID
        self.clientName = clientName
        self.denials = denials
        self.since = since
    }

    private enum CodingKeys: String, CodingKey {
        case instanceID = "instance_id"
        case clientName = "client_name"
        case denials, since
    }
}

extension InboxStore {
    /// The first `limit` requests waiting for `accountID` at `now`, oldest first.
    public func inboxGrants(accountID: String, at now: WallInstant, limit: Int) async throws -> [GrantRecord] {
        try await inboxGrants(accountID: accountID, at: now, after: nil, limit: limit)
    }
}
