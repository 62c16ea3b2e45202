/// What an audit entry records: the wire name of the `event` field of the live event stream and the `kind` of the
/// admin API's history (`grant.created`, …). One list shared by the AS, which writes them, and the admin view, which
/// reacts to them, so that a renamed kind cannot silently break the view. Open on the wire: a kind this build does
/// not name (from a newer AS, or a test) still decodes.
public struct AuditEventKind: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// The part before the first dot (`grant`, `code`, `account`, …).
    public var family: String { String(rawValue.prefix { $0 != "." }) }

    // MARK: Grants (RFC 9635 §1.5 states, §5 continuation)
    public static let grantCreated: AuditEventKind = "grant.created"
    public static let grantModified: AuditEventKind = "grant.modified"
    public static let grantApproved: AuditEventKind = "grant.approved"
    /// The operator's standing access approved the request, with no person (§1.6.4).
    public static let grantApprovedByPolicy: AuditEventKind = "grant.policy_approved"
    public static let grantDenied: AuditEventKind = "grant.denied"
    /// The approver was not the user the request names (§2.4).
    public static let grantRefused: AuditEventKind = "grant.refused"
    public static let grantRevoked: AuditEventKind = "grant.revoked"
    public static let grantExpired: AuditEventKind = "grant.expired"
    public static let grantCancelled: AuditEventKind = "grant.cancelled"
    /// The client was told the grant's end (a denial, an expiry, nothing left to release).
    public static let grantFinalized: AuditEventKind = "grant.finalized"
    /// The client repeated its last continuation call with the previous continuation token: the answer was lost.
    public static let continuationRepeated: AuditEventKind = "continuation.repeated"

    // MARK: Interaction (§4)
    public static let codeEntered: AuditEventKind = "code.entered"
    public static let codeFailed: AuditEventKind = "code.failed"
    public static let interactionOpened: AuditEventKind = "interaction.opened"
    public static let interactionFinished: AuditEventKind = "interaction.finished"
    public static let finishPushed: AuditEventKind = "finish.pushed"
    public static let finishPushFailed: AuditEventKind = "finish.push_failed"

    // MARK: Inbox: asynchronous requests (§1.6.3) and their limits (§13)
    /// A terminal of the addressed account received an asynchronous request (once per terminal).
    public static let inboxDelivered: AuditEventKind = "inbox.delivered"
    /// A terminal of the addressed account opened the request from its inbox (once per terminal).
    public static let inboxSeen: AuditEventKind = "inbox.seen"
    /// An identical request of the same client was merged into a pending one.
    public static let inboxMerged: AuditEventKind = "inbox.merged"
    /// An asynchronous request was refused by a limit (no grant was created).
    public static let inboxRefused: AuditEventKind = "inbox.refused"
    /// The person lifted the block of a client they had denied too often.
    public static let inboxUnblocked: AuditEventKind = "inbox.unblocked"
    /// The limits in force, written when the AS starts.
    public static let inboxLimits: AuditEventKind = "inbox.limits"

    // MARK: Tokens (§3.2, §6)
    public static let tokensIssued: AuditEventKind = "tokens.issued"
    public static let tokenRotated: AuditEventKind = "token.rotated"
    public static let tokenRevoked: AuditEventKind = "token.revoked"
    /// An RS derived a token for a downstream RS from one it was given (RFC 9767 §4).
    public static let tokenDerived: AuditEventKind = "token.derived"

    // MARK: Resource servers (RFC 9767 §3)
    /// The operator's pre-registered resource servers were loaded (`serve --resource-servers`).
    public static let resourceServersRegistered: AuditEventKind = "resource-servers.registered"
    /// An RS unknown to the AS was trusted on its first authenticated call (§3.2, when the operator allows it).
    public static let resourceServerTrusted: AuditEventKind = "resource-server.trusted"
    /// An RS introspected a token (§3.3); the detail says whether it was active for that RS.
    public static let tokenIntrospected: AuditEventKind = "resource-server.introspected"
    /// An RS registered a resource set (§3.4).
    public static let resourceSetRegistered: AuditEventKind = "resource-set.registered"

    // MARK: Client instances (§2.3, §7.2)
    public static let clientsRegistered: AuditEventKind = "clients.registered"
    public static let clientKeyRotated: AuditEventKind = "client.key-rotated"

    // MARK: Accounts and devices
    public static let accountCreated: AuditEventKind = "account.created"
    public static let accountDisabled: AuditEventKind = "account.disabled"
    public static let accountEnabled: AuditEventKind = "account.enabled"
    public static let accountRoleChanged: AuditEventKind = "account.role_changed"
    public static let deviceEnrolled: AuditEventKind = "device.enrolled"
    public static let deviceRevoked: AuditEventKind = "device.revoked"
    public static let deviceRotated: AuditEventKind = "device.rotated"
    public static let enrollmentInvited: AuditEventKind = "enrollment.invited"
    public static let enrollmentExpired: AuditEventKind = "enrollment.expired"
}
