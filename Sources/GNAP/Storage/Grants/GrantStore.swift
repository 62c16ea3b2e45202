/// Grants and their access tokens (RFC 9635 §2–§6). The server changes a grant's state only through
/// ``change(grantID:clock:_:)``, which is built on ``updateGrant(id:_:)``.
public protocol GrantStore: Sendable {
    // MARK: Grants
    /// Inserts a new grant with its audit events and the access tokens issued with it (a grant approved by standing
    /// access, RFC 9635 §1.6.4, delivers its tokens in the response to the request), in one transaction.
    func insertGrant(_ grant: GrantRecord, audit: [AuditEvent], issuedTokens: [AccessTokenRecord]) async throws
    func grant(id: String) async throws -> GrantRecord?
    func grant(userCodeHash: String) async throws -> GrantRecord?
    /// The grant whose `redirect`/`app` interaction id hashes to this value (§3.3.1).
    func grant(interactionIDHash: String) async throws -> GrantRecord?
    /// Reads, mutates and writes one grant in a single transaction, together with what the mutation produced: the
    /// audit events, the earlier tokens it revokes (``GrantMutation/revocations``, before the new ones are stored)
    /// and the tokens it issued. Throws ``StoreError/notFound(_:)`` for an unknown id; if `body` throws, nothing is
    /// written.
    func updateGrant<Result: Sendable>(
        id: String, _ body: @escaping @Sendable (inout GrantRecord) throws -> GrantMutation<Result>
    ) async throws -> Result

    // MARK: Tokens
    func accessToken(hash: String) async throws -> AccessTokenRecord?
    func accessToken(id: String) async throws -> AccessTokenRecord?
    func accessTokens(grantID: String) async throws -> [AccessTokenRecord]
    /// Reads, mutates and writes one access token in a single transaction (with any audit events).
    func updateAccessToken<Result: Sendable>(
        id: String, _ body: @escaping @Sendable (inout AccessTokenRecord) throws -> GrantMutation<Result>
    ) async throws -> Result
}

extension GrantStore {
    /// Inserts a new grant with its audit events (no tokens).
    public func insertGrant(_ grant: GrantRecord, audit: [AuditEvent]) async throws {
        try await insertGrant(grant, audit: audit, issuedTokens: [])
    }
}

/// Store failures the callers distinguish.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(String)
    case conflict(String)
    /// The database cannot be reached (a lost connection): nothing was written, and the call may be retried later.
    case unavailable(String)

    public var description: String {
        switch self {
        case .notFound(let what): "\(what) not found"
        case .conflict(let what): "\(what) already exists"
        case .unavailable(let why): "the database is unavailable: \(why)"
        }
    }
}
