/// One line of the audit log.
public struct AuditEvent: Sendable, Hashable, Codable {
    public var grantID: String?
    public var at: WallInstant
    /// What happened, e.g. ``AuditEventKind/grantCreated``.
    public var kind: AuditEventKind
    /// Human-readable detail; never contains secrets.
    public var detail: String
    public var accountID: String?
    /// Who acted: `device:<id>` (an approver terminal), `client:<key thumbprint>`, `cli:<user>`, `system:<service>`.
    /// Filled in from the request's ``AuditContext`` when the event is written, if not set here.
    public var actor: String?
    /// The id of the HTTP request that caused the event (the `Request-Id` response field), if any.
    public var requestID: String?

    public init(
        grantID: String?, at: WallInstant, kind: AuditEventKind, detail: String, accountID: String? = nil,
        actor: String? = nil, requestID: String? = nil
    ) {
        self.grantID = grantID
        self.at = at
        self.kind = kind
        self.detail = detail
        self.accountID = accountID
        self.actor = actor
        self.requestID = requestID
    }
}
