// Grant listings of the admin API and of the approver's own decisions and active grants.

/// One grant in a listing.
public struct GrantSummary: Sendable, Hashable, Codable {
    public var id: String
    /// `pending`, `approved`, `denied`, `finalized`, or `expired` (pending, but the interaction is over).
    public var state: String
    public var outcome: GrantOutcome?
    public var instanceID: String
    public var clientName: String?
    public var clientVetted: Bool
    public var approverAccountID: String?
    public var createdAt: String
    public var interactionExpiresAt: String
    public var decidedAt: String?
    /// The reason given with a denial (shown to admins, recorded in the audit log).
    public var denialReason: String?
    // Optional so that answers of an AS without them still decode (the admin watch view shows "-").
    /// One short line per requested access right (§8: the reference, or `type` with its actions).
    public var rights: [String]?
    /// The interaction start modes the client asked for (§2.5.1), e.g. `user_code`, `redirect`.
    public var startModes: [String]?
    /// Whether an approver has entered the code or opened the link, binding the interaction to them.
    public var codeEntered: Bool?
    /// An asynchronous request (RFC 9635 §1.6.3): its addressee, how far its delivery got and which terminals
    /// received it (the listing adds the terminals from the delivery log).
    public var inbox: InboxStatusView?
    /// Approved by the operator's standing access (§1.6.4), not by a person.
    public var grantedByPolicy: Bool?
    /// The agent behind the request, vetted and self-asserted parts apart (the audit log's wording).
    public var agent: String?

    public init(_ grant: GrantRecord) {
        let lifecycle = grant.lifecycle
        id = grant.id
        state = lifecycle.status == .pending && lifecycle.outcome == .expired ? "expired" : lifecycle.status.rawValue
        outcome = lifecycle.outcome
        instanceID = grant.instanceID
        clientName = grant.clientDisplay?.name
        clientVetted = grant.clientVetted ?? false
        approverAccountID = lifecycle.boundApprover?.accountID
        createdAt = lifecycle.createdAt.iso8601
        interactionExpiresAt = lifecycle.interactionExpiresAt.iso8601
        decidedAt = (lifecycle.approval?.at ?? lifecycle.denial?.at)?.iso8601
        denialReason = lifecycle.denial?.reason
        rights = grant.tokens.flatMap { $0.access.map(Self.summary) }
        startModes = grant.startModes
        codeEntered = lifecycle.boundApprover != nil
        inbox = lifecycle.inbox.map { InboxStatusView($0, lifecycle: lifecycle) }
        grantedByPolicy = lifecycle.isGrantedByPolicy ? true : nil
        agent = grant.agent.map(\.auditText)
    }

    /// A short text for one access right: the reference string, or `type: action, action`.
    public static func summary(_ right: AccessRight) -> String {
        switch right {
        case .reference(let reference): return reference
        case .object(let object):
            let actions = object.actions ?? []
            return actions.isEmpty ? object.type : object.type + ": " + actions.joined(separator: ", ")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, state, outcome
        case instanceID = "instance_id"
        case clientName = "client_name"
        case clientVetted = "client_vetted"
        case approverAccountID = "approver_account_id"
        case createdAt = "created_at"
        case interactionExpiresAt = "interaction_expires_at"
        case decidedAt = "decided_at"
        case denialReason = "denial_reason"
        case rights
        case startModes = "start_modes"
        case codeEntered = "code_entered"
        case inbox
        case grantedByPolicy = "granted_by_policy"
        case agent
    }
}

public struct GrantList: Sendable, Hashable, Codable {
    public var grants: [GrantSummary]
    /// Pass as `cursor` to get the next page; absent on the last page.
    public var nextCursor: String?

    public init(grants: [GrantSummary], nextCursor: String?) {
        self.grants = grants
        self.nextCursor = nextCursor
    }

    private enum CodingKeys: String, CodingKey {
        case grants
        case nextCursor = "next_cursor"
    }
}

/// An issued token as admins see it: never its value.
public struct TokenView: Sendable, Hashable, Codable {
    public var id: String
    public var label: String?
    public var access: [AccessRight]
    public var issuedAt: String
    public var expiresAt: String?
    public var revokedAt: String?

    public init(_ token: AccessTokenRecord) {
        id = token.id
        label = token.label
        access = token.access
        issuedAt = token.issuedAt.iso8601
        expiresAt = token.expiresAt?.iso8601
        revokedAt = token.revokedAt?.iso8601
    }

    private enum CodingKeys: String, CodingKey {
        case id, label, access
        case issuedAt = "issued_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
    }
}

/// One audit log line on the wire (also the `data` of a live event).
public struct AuditEntryView: Sendable, Hashable, Codable {
    public var id: Int64
    public var at: String
    public var kind: AuditEventKind
    public var detail: String
    public var grantID: String?
    public var accountID: String?
    public var actor: String?
    public var requestID: String?

    public init(_ entry: AuditEntry) {
        id = entry.id
        at = entry.event.at.iso8601
        kind = entry.event.kind
        detail = entry.event.detail
        grantID = entry.event.grantID
        accountID = entry.event.accountID
        actor = entry.event.actor
        requestID = entry.event.requestID
    }

    private enum CodingKeys: String, CodingKey {
        case id, at, kind, detail, actor
        case grantID = "grant_id"
        case accountID = "account_id"
        case requestID = "request_id"
    }
}

/// `GET /admin/v1/grants/{grant}`: the grant, what was asked, what was decided, its tokens and full history.
public struct GrantDetail: Sendable, Hashable, Codable {
    public var grant: GrantSummary
    public var requested: [AccessTokenRequest]
    public var approval: ApprovalView?
    public var tokens: [TokenView]
    public var history: [AuditEntryView]

    public init(
        grant: GrantSummary, requested: [AccessTokenRequest], approval: ApprovalView?, tokens: [TokenView],
        history: [AuditEntryView]
    ) {
        self.grant = grant
        self.requested = requested
        self.approval = approval
        self.tokens = tokens
        self.history = history
    }
}

/// What an approver released: right identifiers as in the review (`"token.right"`), subject and assertion formats.
public struct ApprovalView: Sendable, Hashable, Codable {
    public var rights: [String]
    public var subjectFormats: [String]
    public var assertionFormats: [String]
    public var at: String

    public init(_ approval: Approval) {
        rights = approval.selection.rights.enumerated().flatMap { token, indices in indices.map { "\(token).\($0)" } }
        subjectFormats = approval.selection.subjectFormats
        assertionFormats = approval.selection.assertionFormats
        at = approval.at.iso8601
    }

    private enum CodingKeys: String, CodingKey {
        case rights, at
        case subjectFormats = "subject_formats"
        case assertionFormats = "assertion_formats"
    }
}

/// `POST …/deny` and `POST …/revoke` by an admin or the approver: the reason is required and recorded.
public struct ReasonRequest: Sendable, Hashable, Codable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

extension GNAPError.Code {
    /// The caller's account is not an admin.
    public static let adminRequired = GNAPError.Code(rawValue: "admin_required")
}
