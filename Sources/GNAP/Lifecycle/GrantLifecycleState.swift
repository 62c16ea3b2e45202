/// The persisted state of one grant (RFC 9635 §1.5: processing → pending → approved → finalized), with what
/// this AS adds: the approver the interaction is bound to, the decision and the continuation timing.
public struct GrantLifecycleState: Sendable, Hashable, Codable {
    public var status: GrantStatus
    public var createdAt: WallInstant
    /// After this instant the interaction (the user code) no longer works.
    public var interactionExpiresAt: WallInstant
    /// The `wait` last sent to the client (§3.1), in seconds.
    public var waitSeconds: Int
    /// The earliest instant the client may call the continuation URI again (§5: else `too_fast`).
    public var nextCallAllowedAt: WallInstant
    /// The approver who entered the code; the interaction is theirs alone from then on.
    public var boundApprover: ApproverRef?
    /// When the interaction was bound (by a user code or the interaction URL).
    public var codeEnteredAt: WallInstant?
    /// How the approver reached the interaction; the other start modes are refused from then on (§4.1).
    public var interactionChannel: InteractionChannel?
    /// Present when the client asked for an interaction finish method (§2.5.2, §4.2).
    public var finish: FinishProgress?
    /// The approval of the request as it stands (cleared when a modification needs a new interaction, §5.3).
    public var approval: Approval?
    /// When the client received what the current approval releases; nil until a continuation call delivers it.
    public var deliveredAt: WallInstant?
    /// Everything consented to on this grant before its last modification (§5.3), with the current approval
    /// folded in when the client modifies its request.
    public var granted: GrantedAccess?
    public var denial: Denial?
    public var outcome: GrantOutcome?
    public var finalizedAt: WallInstant?
    /// An asynchronous request's addressee and what became of its delivery (RFC 9635 §1.6.3); nil otherwise.
    public var inbox: InboxDelivery?
    /// The error that ended the grant as a client's continuation call was told it, for one repeat of that call.
    public var finalAnswer: FinalAnswer?

    public init(createdAt: WallInstant, interactionLifetime: Duration, waitSeconds: Int) {
        status = .pending
        self.createdAt = createdAt
        interactionExpiresAt = createdAt.advanced(by: interactionLifetime)
        self.waitSeconds = waitSeconds
        nextCallAllowedAt = createdAt.advanced(by: .seconds(waitSeconds))
    }
}

/// RFC 9635 §1.5 grant states, with `denied` kept apart from `finalized` until the client has been told.
public enum GrantStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case approved
    case denied
    case finalized
}

/// How a finalized grant ended.
public enum GrantOutcome: String, Sendable, Hashable, Codable {
    case issued
    case denied
    case expired
    case cancelled
}

/// Who acted on an interaction: the account and the enrolled device it used.
public struct ApproverRef: Sendable, Hashable, Codable {
    public var accountID: String
    public var deviceID: String

    public init(accountID: String, deviceID: String) {
        self.accountID = accountID
        self.deviceID = deviceID
    }
}

/// What the approver allowed: for each requested token (by index), the indices of the rights granted; and the
/// subject identifier and assertion formats released.
public struct ApprovalSelection: Sendable, Hashable, Codable {
    public var rights: [[Int]]
    public var subjectFormats: [String]
    public var assertionFormats: [String]

    public init(rights: [[Int]], subjectFormats: [String], assertionFormats: [String] = []) {
        self.rights = rights
        self.subjectFormats = subjectFormats
        self.assertionFormats = assertionFormats
    }

    /// Whether anything at all would be released.
    public var isEmpty: Bool { rights.allSatisfy(\.isEmpty) && subjectFormats.isEmpty && assertionFormats.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case rights, subjectFormats, assertionFormats
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rights = try container.decode([[Int]].self, forKey: .rights)
        subjectFormats = try container.decode([String].self, forKey: .subjectFormats)
        // Grants approved before assertions existed released none.
        assertionFormats = try container.decodeIfPresent([String].self, forKey: .assertionFormats) ?? []
    }
}

public struct Approval: Sendable, Hashable, Codable {
    public var approver: ApproverRef
    public var selection: ApprovalSelection
    public var at: WallInstant

    public init(approver: ApproverRef, selection: ApprovalSelection, at: WallInstant) {
        self.approver = approver
        self.selection = selection
        self.at = at
    }
}

public struct Denial: Sendable, Hashable, Codable {
    public var approver: ApproverRef
    public var reason: String
    public var at: WallInstant
    /// The error the client is told (§3.6); nil means `user_denied`. `unknown_user` when the approver was not the
    /// user the request named (§2.4).
    public var code: GNAPError.Code?
}
