import GNAP
import Logging
import Synchronization

/// The `serve` log of what happens to grants: wraps the grant store and, after each committed change, logs its
/// audit events (created, approved, denied, expired, revoked, tokens issued, …) as static messages with metadata
/// (grant, event kind, actor, request id). Never a secret: token values and codes are not in audit events, and the
/// free-text detail (which may hold a denial reason a person typed) is left out.
struct GrantEventLog: GrantStore {
    let store: any GrantStore
    let logger: Logger

    func insertGrant(_ grant: GrantRecord, audit: [AuditEvent], issuedTokens: [AccessTokenRecord]) async throws {
        try await store.insertGrant(grant, audit: audit, issuedTokens: issuedTokens)
        log(audit)
    }

    func grant(id: String) async throws -> GrantRecord? { try await store.grant(id: id) }
    func grant(userCodeHash: String) async throws -> GrantRecord? { try await store.grant(userCodeHash: userCodeHash) }
    func grant(interactionIDHash: String) async throws -> GrantRecord? {
        try await store.grant(interactionIDHash: interactionIDHash)
    }

    func updateGrant<Result: Sendable>(
        id: String, _ body: @escaping @Sendable (inout GrantRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        let written = WrittenEvents()
        let result = try await store.updateGrant(id: id) { grant in
            let mutation = try body(&grant)
            written.events.withLock { $0 = mutation.audit }
            return mutation
        }
        log(written.events.withLock { $0 })
        return result
    }

    func accessToken(hash: String) async throws -> AccessTokenRecord? { try await store.accessToken(hash: hash) }
    func accessToken(id: String) async throws -> AccessTokenRecord? { try await store.accessToken(id: id) }
    func accessTokens(grantID: String) async throws -> [AccessTokenRecord] {
        try await store.accessTokens(grantID: grantID)
    }

    func updateAccessToken<Result: Sendable>(
        id: String, _ body: @escaping @Sendable (inout AccessTokenRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        let written = WrittenEvents()
        let result = try await store.updateAccessToken(id: id) { token in
            let mutation = try body(&token)
            written.events.withLock { $0 = mutation.audit }
            return mutation
        }
        log(written.events.withLock { $0 })
        return result
    }

    private func log(_ events: [AuditEvent]) {
        let context = AuditContext.current
        for event in events {
            var metadata: Logger.Metadata = ["kind": "\(event.kind.rawValue)"]
            if let grant = event.grantID { metadata["grant"] = "\(grant)" }
            if let account = event.accountID { metadata["account"] = "\(account)" }
            if let actor = context?.actor { metadata["actor"] = "\(actor)" }
            if let request = context?.requestID { metadata["request"] = "\(request)" }
            logger.log(level: Self.level(event.kind), Self.message(event.kind), metadata: metadata)
        }
    }

    /// A fixed text per kind of event (the kind itself for kinds without one of their own).
    static func message(_ kind: AuditEventKind) -> Logger.Message {
        switch kind {
        case .grantCreated: "grant created"
        case .grantModified: "grant modified"
        case .grantApproved: "grant approved"
        case .grantDenied: "grant denied"
        case .grantRevoked: "grant revoked"
        case .grantExpired: "grant expired"
        case .grantCancelled: "grant cancelled"
        case .grantRefused: "grant refused"
        case .grantFinalized: "grant finalized"
        case .codeEntered: "user code entered"
        case .interactionOpened: "interaction opened"
        case .tokensIssued: "tokens issued"
        case .tokenRotated: "token rotated"
        case .tokenRevoked: "token revoked"
        default: "grant event"
        }
    }

    /// Decisions and expiries are what an operator follows (info); the steps in between are debug.
    static func level(_ kind: AuditEventKind) -> Logger.Level {
        switch kind {
        case .grantCreated, .grantApproved, .grantDenied, .grantRevoked, .grantExpired, .grantCancelled,
            .grantRefused:
            .info
        default: .debug
        }
    }
}

/// The audit events a change wrote, read after the store ran it (possibly in a task of its own).
private final class WrittenEvents: Sendable {
    let events = Mutex<[AuditEvent]>([])
}
