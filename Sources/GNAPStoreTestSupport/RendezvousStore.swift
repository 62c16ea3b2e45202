import GNAP

/// A ``GrantStore`` for tests of racing requests: every call goes to `base`, but ``updateGrant(id:_:)`` first passes
/// the ``gate``. When the gate is armed, two racing continuation calls (RFC 9635 §5) have both read the grant and
/// checked their continuation token before either transaction starts, so the check inside the transaction is the
/// only thing that can decide between them. The other store concerns are served by the backend directly.
public struct RendezvousStore: GrantStore {
    public let base: any GrantStore
    public let gate: RendezvousGate

    public init(_ base: any GrantStore, gate: RendezvousGate = RendezvousGate()) {
        self.base = base
        self.gate = gate
    }

    public func updateGrant<Result: Sendable>(
        id: String, _ body: @escaping @Sendable (inout GrantRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        await gate.arrive()
        return try await base.updateGrant(id: id, body)
    }

    public func insertGrant(_ grant: GrantRecord, audit: [AuditEvent], issuedTokens: [AccessTokenRecord])
        async throws
    {
        try await base.insertGrant(grant, audit: audit, issuedTokens: issuedTokens)
    }
    public func grant(id: String) async throws -> GrantRecord? { try await base.grant(id: id) }
    public func grant(userCodeHash: String) async throws -> GrantRecord? {
        try await base.grant(userCodeHash: userCodeHash)
    }
    public func grant(interactionIDHash: String) async throws -> GrantRecord? {
        try await base.grant(interactionIDHash: interactionIDHash)
    }
    public func accessToken(hash: String) async throws -> AccessTokenRecord? { try await base.accessToken(hash: hash) }
    public func accessToken(id: String) async throws -> AccessTokenRecord? { try await base.accessToken(id: id) }
    public func accessTokens(grantID: String) async throws -> [AccessTokenRecord] {
        try await base.accessTokens(grantID: grantID)
    }
    public func updateAccessToken<Result: Sendable>(
        id: String, _ body: @escaping @Sendable (inout AccessTokenRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        try await base.updateAccessToken(id: id, body)
    }
}
