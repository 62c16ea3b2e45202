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
