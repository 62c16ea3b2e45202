import Synchronization

/// Who is acting and in which request, for the audit events written while a request is handled. The server sets one
/// per request (a task-local), the authenticators name the actor once they know it, and the store stamps every
/// event it writes during the request with both. Code outside a request (the CLI, the expiry service) sets its own.
public final class AuditContext: Sendable {
    @TaskLocal public static var current: AuditContext?

    public let requestID: String?
    private let identified: Mutex<String?>

    public init(requestID: String?, actor: String? = nil) {
        self.requestID = requestID
        identified = Mutex(actor)
    }

    public var actor: String? { identified.withLock { $0 } }

    /// Names the actor of the rest of the request (e.g. once a signature has been verified).
    public func identify(_ actor: String) { identified.withLock { $0 = actor } }

    /// `events` with the request id and actor filled in where they are missing. Without a context, an event with
    /// an account is attributed to it and anything else to the system.
    public static func stamp(_ events: [AuditEvent], context: AuditContext?) -> [AuditEvent] {
        events.map { event in
            var event = event
            if event.requestID == nil { event.requestID = context?.requestID }
            if event.actor == nil {
                event.actor = context?.actor ?? event.accountID.map { "account:\($0)" } ?? "system"
            }
            return event
        }
    }
}

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
    public var kind: String?
    public var limit: Int

    public init(afterID: Int64? = nil, grantID: String? = nil, kind: String? = nil, limit: Int = 100) {
        self.afterID = afterID
        self.grantID = grantID
        self.kind = kind
        self.limit = limit
    }
}
