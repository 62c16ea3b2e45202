/// A stored audit event with its position in the log (the SSE event id).
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var event: AuditEvent

    public init(id: Int64, event: AuditEvent) {
        self.id = id
        self.event = event
    }
}

/// Which audit entries to read, oldest first.
public struct AuditQuery: Sendable, Hashable {
    /// Only entries after this position (exclusive).
    public var afterID: Int64?
    public var grantID: String?
    public var kind: AuditEventKind?
    public var limit: Int

    public init(afterID: Int64? = nil, grantID: String? = nil, kind: AuditEventKind? = nil, limit: Int = 100) {
        self.afterID = afterID
        self.grantID = grantID
        self.kind = kind
        self.limit = limit
    }
}
