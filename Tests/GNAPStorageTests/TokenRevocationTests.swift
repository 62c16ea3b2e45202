import ASBackendTestSupport
import GNAP
import GNAPStorage
import Testing

/// Revoking a grant's tokens in the transaction that modifies or cancels the grant (RFC 9635 §5.3, §5.4).
@Suite("Token revocation with grant updates, on every backend")
struct TokenRevocationTests {
    let clock = ManualClock()

    func token(_ id: String, _ grant: GrantRecord, durable: Bool, revokedAt: WallInstant? = nil) -> AccessTokenRecord {
        AccessTokenRecord(
            id: id, grantID: grant.id, tokenHash: "hash-\(id)", label: nil, access: [.reference("dolphin-metadata")],
            flags: durable ? [AccessTokenFlag.durable] : [], boundKey: grant.clientKey, issuedAt: clock.now,
            expiresAt: nil, revokedAt: revokedAt)
    }

    func stored(_ test: TestStore, with tokens: (GrantRecord) -> [AccessTokenRecord]) async throws
        -> (any ASStore, GrantRecord)
    {
        let database = test.store
        let instance = try Fixtures.instance(at: clock.now)
        try await database.insertClientInstance(instance)
        let grant = Fixtures.grant(instance: instance, clock: clock)
        try await database.insertGrant(grant, audit: [])
        let issued = tokens(grant)
        try await database.updateGrant(id: grant.id) { _ in GrantMutation((), issuedTokens: issued) }
        return (database, grant)
    }

    @Test(arguments: TestBackend.allCases)
    func modificationKeepsDurableTokensAndNewOnes(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let earlier = WallInstant(unixSeconds: 1)
            let (database, grant) = try await stored(test) { grant in
                [
                    token("durable", grant, durable: true), token("plain", grant, durable: false),
                    token("old", grant, durable: false, revokedAt: earlier),
                ]
            }
            clock.advance(by: .seconds(60))
            let fresh = token("fresh", grant, durable: false)
            try await database.updateGrant(id: grant.id) { _ in
                GrantMutation(
                    (), issuedTokens: [fresh],
                    revoking: [
                        TokenRevocation(
                            keepsDurable: true, at: clock.now, reason: "the client modified the grant")
                    ])
            }
            let revoked: [String: WallInstant?] = Dictionary(
                uniqueKeysWithValues: try await database.accessTokens(grantID: grant.id).map { ($0.id, $0.revokedAt) })
            let expected: [String: WallInstant?] = ["durable": nil, "plain": clock.now, "old": earlier, "fresh": nil]
            #expect(revoked == expected)
            let audit = try await database.auditEvents(grantID: grant.id)
            #expect(audit.map(\.detail) == ["token plain revoked: the client modified the grant"])
            #expect(audit.map(\.kind) == ["token.revoked"])
        }
    }

    @Test(arguments: TestBackend.allCases)
    func cancellationRevokesEverything(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let (database, grant) = try await stored(test) { grant in
                [token("durable", grant, durable: true), token("plain", grant, durable: false)]
            }
            try await database.updateGrant(id: grant.id) { _ in
                GrantMutation((), revoking: [TokenRevocation(keepsDurable: false, at: clock.now, reason: "cancelled")])
            }
            #expect(try await database.accessTokens(grantID: grant.id).allSatisfy { $0.revokedAt == clock.now })
        }
    }

    @Test(arguments: TestBackend.allCases)
    func aFailedUpdateRevokesNothing(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let (database, grant) = try await stored(test) { grant in [token("plain", grant, durable: false)] }
            // The new token reuses a stored hash (UNIQUE): the insert fails after the revocation, and both roll back.
            var clash = token("clash", grant, durable: false)
            clash.tokenHash = "hash-plain"
            let copy = clash
            await #expect(throws: (any Error).self) {
                try await database.updateGrant(id: grant.id) { _ in
                    GrantMutation(
                        (), issuedTokens: [copy],
                        revoking: [TokenRevocation(keepsDurable: false, at: clock.now, reason: "cancelled")])
                }
            }
            #expect(try await database.accessTokens(grantID: grant.id).map(\.revokedAt) == [nil])
            #expect(try await database.auditEvents(grantID: grant.id).isEmpty)
        }
    }
}
