/// The tables of an AS store, in the order a copy fills them (each after the tables it references).
public enum ASTable: String, Sendable, Hashable, CaseIterable, Comparable {
    case accounts
    case secrets
    case clientInstances = "client_instances"
    case resourceServers = "resource_servers"
    case resourceSets = "resource_sets"
    case enrollmentCodes = "enrollment_codes"
    case approverDevices = "approver_devices"
    case grants
    case accessTokens = "access_tokens"
    case auditEvents = "audit_events"
    case signatureNonces = "signature_nonces"
    case codeAttempts = "code_attempts"
    case inboxRequests = "inbox_requests"
    case inboxLifts = "inbox_lifts"
    case inboxDeliveries = "inbox_deliveries"

    public static func < (lhs: ASTable, rhs: ASTable) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One stored row, with what the store keeps beside the record (so a copy is exact): where a client instance's
/// identifier came from, when an enrollment code was noted expired, an audit entry's position, a secret's bytes as
/// stored (wrapped or not).
public enum ASRow: Sendable, Hashable {
    case account(Account)
    case secret(name: String, value: [UInt8])
    /// `fromRegistry`: the identifier was given by the operator's registry, not drawn for a dynamic instance.
    case clientInstance(ClientInstanceRecord, fromRegistry: Bool)
    /// `fromRegistry`: the RS was pre-registered by the operator (origin `registry`), not trusted on first use; it
    /// stays so after it left the file and stopped being `registered`.
    case resourceServer(ResourceServerRecord, fromRegistry: Bool)
    case resourceSet(ResourceSetRecord)
    case enrollmentCode(EnrollmentCodeRecord, expiredAt: WallInstant?)
    case approverDevice(ApproverDevice)
    case grant(GrantRecord)
    case accessToken(AccessTokenRecord)
    case auditEntry(AuditEntry)
    case signatureNonce(key: String, nonce: String, expiresAt: WallInstant)
    case codeAttempt(CodeAttemptTicket, at: WallInstant)
    /// One asynchronous request of a client for a user (what the hourly limit counts), at its position in the log.
    case inboxRequest(id: Int64, instanceID: String, accountID: String, grantID: String, at: WallInstant)
    /// When a user last lifted the block of a client.
    case inboxLift(instanceID: String, accountID: String, liftedAt: WallInstant)
    case inboxDelivery(InboxDeliveryReceipt)

    public var table: ASTable {
        switch self {
        case .account: .accounts
        case .secret: .secrets
        case .clientInstance: .clientInstances
        case .resourceServer: .resourceServers
        case .resourceSet: .resourceSets
        case .enrollmentCode: .enrollmentCodes
        case .approverDevice: .approverDevices
        case .grant: .grants
        case .accessToken: .accessTokens
        case .auditEntry: .auditEvents
        case .signatureNonce: .signatureNonces
        case .codeAttempt: .codeAttempts
        case .inboxRequest: .inboxRequests
        case .inboxLift: .inboxLifts
        case .inboxDelivery: .inboxDeliveries
        }
    }
}

/// A page of rows and where the next page starts (nil after the last page).
public struct ASRowPage: Sendable, Hashable {
    public var rows: [ASRow]
    public var next: String?

    public init(rows: [ASRow], next: String?) {
        self.rows = rows
        self.next = next
    }
}
