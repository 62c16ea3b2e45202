import ASBackendTestSupport
import GNAP
import GNAPStorage
import Testing

/// The one path of a grant's state change (`GrantStore.change`): the new state, its audit entries and its tokens are
/// written in one transaction, and a refused step writes none of them.
@Suite("Grant state changes in one transaction, on every backend")
struct GrantChangeTests {
    let clock = ManualClock()
    let account: Account
    let alice: ApproverRef

    init() {
        account = Fixtures.account("alice", at: clock.now)
        alice = ApproverRef(accountID: account.id, deviceID: "d1")
    }

    func stored(_ test: TestStore) async throws -> (any ASStore, GrantRecord) {
        let database = test.store
        // The grant's approver column references the account.
        try await database.insertAccount(account)
        let instance = try Fixtures.instance(at: clock.now)
        try await database.insertClientInstance(instance)
        let grant = Fixtures.grant(instance: instance, clock: clock)
        try await database.insertGrant(grant, audit: [])
        return (database, grant)
    }

    @Test(arguments: TestBackend.allCases)
    func aStepWritesItsStateAndAuditTogether(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let (database, grant) = try await stored(test)
            let alice = alice
            let bound = try await database.change(grantID: grant.id, clock: clock) { change in
                try change.require(.codeEntered(by: alice), yields: .interactionBound)
                change.audit(.codeEntered, "entered", accountID: alice.accountID)
                return change.record.lifecycle.boundApprover
            }
            #expect(bound == alice)
            #expect(try await database.grant(id: grant.id)?.lifecycle.boundApprover == alice)
            let events = try await database.auditEvents(grantID: grant.id)
            #expect(events.map(\.kind) == [.codeEntered])
            #expect(events.first?.at == clock.now && events.first?.accountID == alice.accountID)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func aRefusedStepWritesNothing(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let (database, grant) = try await stored(test)
            let alice = alice
            // Deciding before the code was entered is refused by the state machine.
            await #expect(throws: GrantStepRefused(action: .refuse(.codeNotEntered))) {
                try await database.change(grantID: grant.id, clock: clock) { change in
                    change.audit(.grantDenied, "should not be written")
                    try change.require(.deny(by: alice, reason: "no"), yields: .denied)
                }
            }
            #expect(try await database.grant(id: grant.id) == grant)
            #expect(try await database.auditEvents(grantID: grant.id).isEmpty)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func tokensAreIssuedAndRevokedWithTheStep(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let (database, grant) = try await stored(test)
            let old = AccessTokenRecord(
                id: "old", grantID: grant.id, tokenHash: "h-old", label: nil, access: [.reference("dolphin-metadata")],
                flags: [], boundKey: grant.clientKey, issuedAt: clock.now, expiresAt: nil)
            try await database.change(grantID: grant.id, clock: clock) { change in change.issuedTokens = [old] }
            clock.advance(by: .seconds(5))
            var fresh = old
            fresh.id = "fresh"
            fresh.tokenHash = "h-fresh"
            let issued = fresh
            try await database.change(grantID: grant.id, clock: clock) { change in
                change.revoke(TokenRevocation(keepsDurable: false, at: change.now, reason: "test"))
                change.issuedTokens = [issued]
                change.endContinuation()
            }
            let tokens = try await database.accessTokens(grantID: grant.id)
            #expect(tokens.first { $0.id == "old" }?.revokedAt == clock.now)
            #expect(tokens.first { $0.id == "fresh" }?.revokedAt == nil)
            #expect(try await database.grant(id: grant.id)?.continuationTokenHash != grant.continuationTokenHash)
            #expect(try await database.auditEvents(grantID: grant.id).map(\.kind) == [.tokenRevoked])
        }
    }

    @Test(arguments: TestBackend.allCases)
    func theContinuationRotatesToATokenThatMatchesOnlyItsHash(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let (database, grant) = try await stored(test)
            let next = try await database.change(grantID: grant.id, clock: clock) { change in
                change.rotateContinuation(uri: "https://as.example/continue", wait: 7)
            }
            #expect(next.uri == "https://as.example/continue" && next.wait == 7)
            let stored = try #require(try await database.grant(id: grant.id))
            #expect(Secrets.matches(next.accessToken.value, storedHash: stored.continuationTokenHash))
        }
    }
}
