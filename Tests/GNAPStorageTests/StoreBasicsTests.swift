import ASBackendTestSupport
import Foundation
import GNAP
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// The store contract every backend keeps (SQLite and PostgreSQL, each test on a fresh database of its own).
@Suite("AS store: basics, on every backend")
struct StoreBasicsTests {
    let clock = ManualClock()

    static let migrations: [TestBackend: [String]] = [
        .sqlite: [
            "2026-11-26-accounts-and-devices", "2026-11-26-audit-log", "2026-11-26-grants-and-tokens",
            "2026-11-27-token-management", "2026-11-28-account-updated-at", "2026-11-28-registered-clients",
            "2026-11-29-audit-actor-and-request", "2026-11-29-enrollment-code-expiry", "2026-11-29-interaction-urls",
            "2026-12-02-inbox", "2026-12-07-resource-servers", "2026-12-07-signature-nonces-and-code-attempts",
            "2026-12-08-grant-listing-order", "2026-12-09-partial-grant-indexes",
        ],
        // By name.
        .postgres: [
            "2026-12-07-inbox", "2026-12-07-initial-schema", "2026-12-07-resource-servers",
            "2026-12-07-signature-nonces-and-code-attempts",
        ],
    ]

    @Test(arguments: TestBackend.allCases)
    func migrationsAreNamedAndStateSurvivesReopening(_ backend: TestBackend) async throws {
        let instance = try Fixtures.instance(at: clock.now)
        let grant = Fixtures.grant(instance: instance, clock: clock)
        try await TestStore.with(backend) { first in
            #expect(try await first.appliedMigrations() == Self.migrations[backend])
            try await first.store.insertClientInstance(instance)
            try await first.store.insertGrant(
                grant, audit: [AuditEvent(grantID: grant.id, at: clock.now, kind: "grant.created", detail: "x")])
            let reopened = try await first.reopen()
            // Opening again applies nothing twice.
            #expect(try await reopened.appliedMigrations() == Self.migrations[backend])
            #expect(try await reopened.store.grant(id: grant.id) == grant)
            #expect(try await reopened.store.grant(userCodeHash: "uc-hash")?.id == grant.id)
            #expect(try await reopened.store.clientInstance(thumbprint: instance.key.thumbprint) == instance)
            #expect(try await reopened.store.auditEvents(grantID: grant.id).map(\.kind) == ["grant.created"])
            await reopened.close()
        }
    }

    @Test func theSQLiteFileIsOnlyTheOwners() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ASDatabase.open(directory: directory)
        let attributes = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent(ASDatabase.fileName).path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test(arguments: TestBackend.allCases)
    func updatesAreTransactional(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let instance = try Fixtures.instance(at: clock.now)
            try await database.insertClientInstance(instance)
            let grant = Fixtures.grant(instance: instance, clock: clock)
            try await database.insertGrant(grant, audit: [])
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await database.updateGrant(id: grant.id) { record -> GrantMutation<Void> in
                    record.continuationTokenHash = "changed"
                    throw Abort()
                }
            }
            #expect(try await database.grant(id: grant.id)?.continuationTokenHash == grant.continuationTokenHash)
            let token = AccessTokenRecord(
                id: "t1", grantID: grant.id, tokenHash: "th", label: nil, access: [.reference("dolphin-metadata")],
                flags: [], boundKey: instance.key, issuedAt: clock.now, expiresAt: nil)
            let result = try await database.updateGrant(id: grant.id) { record in
                record.continuationTokenHash = "rotated"
                return GrantMutation(
                    42, issuedTokens: [token],
                    audit: [
                        AuditEvent(
                            grantID: record.id, at: record.lifecycle.createdAt, kind: "tokens.issued", detail: "1")
                    ])
            }
            #expect(result == 42)
            #expect(try await database.grant(id: grant.id)?.continuationTokenHash == "rotated")
            #expect(try await database.accessToken(hash: "th") == token)
            #expect(try await database.accessTokens(grantID: grant.id) == [token])
            await #expect(throws: StoreError.notFound("grant nope")) {
                try await database.updateGrant(id: "nope") { _ in GrantMutation(()) }
            }
        }
    }

    @Test(arguments: TestBackend.allCases)
    func userCodeHashesAreUnique(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let instance = try Fixtures.instance(at: clock.now)
            try await test.store.insertClientInstance(instance)
            try await test.store.insertGrant(Fixtures.grant(instance: instance, clock: clock), audit: [])
            await #expect(throws: (any Error).self) {
                try await test.store.insertGrant(Fixtures.grant(instance: instance, clock: clock), audit: [])
            }
            // Nothing of the refused grant was kept.
            #expect(try await test.store.grantCounts().byStatus["pending"] == 1)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func aGrantNeedsItsClientInstance(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let orphan = Fixtures.grant(instance: try Fixtures.instance(at: clock.now), clock: clock)
            await #expect(throws: (any Error).self) { try await test.store.insertGrant(orphan, audit: []) }
        }
    }

    /// RFC 9635 §3.3.1: grants with the `redirect`/`app` start modes are found by the hash of their interaction id,
    /// which is unique; grants without one (user code only) are never found by it.
    @Test(arguments: TestBackend.allCases)
    func grantsAreFoundByTheirInteractionIDHash(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let instance = try Fixtures.instance(at: clock.now)
            try await database.insertClientInstance(instance)
            var linked = Fixtures.grant(instance: instance, clock: clock, userCodeHash: nil)
            linked.interactionIDHash = "link-hash"
            try await database.insertGrant(linked, audit: [])
            try await database.insertGrant(Fixtures.grant(instance: instance, clock: clock), audit: [])
            #expect(try await database.grant(interactionIDHash: "link-hash")?.id == linked.id)
            #expect(try await database.grant(interactionIDHash: "other") == nil)
            var duplicate = Fixtures.grant(instance: instance, clock: clock, userCodeHash: nil)
            duplicate.interactionIDHash = "link-hash"
            await #expect(throws: (any Error).self) { try await database.insertGrant(duplicate, audit: []) }
            // The column follows the record on update.
            try await database.updateGrant(id: linked.id) { record in
                record.interactionIDHash = "moved"
                return GrantMutation(())
            }
            #expect(try await database.grant(interactionIDHash: "link-hash") == nil)
            #expect(try await database.grant(interactionIDHash: "moved")?.id == linked.id)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func enrollmentCodesAreSingleUseAndExpire(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let account = Fixtures.account("alice", at: clock.now)
            try await database.insertAccount(account)
            await #expect(throws: StoreError.conflict("account 'alice'")) { try await database.insertAccount(account) }
            for hash in ["h1", "h2"] {
                try await database.insertEnrollmentCode(
                    EnrollmentCodeRecord(
                        codeHash: hash, accountID: account.id, createdAt: clock.now,
                        expiresAt: clock.now.advanced(by: .seconds(60))))
            }
            #expect(try await test.redeemEnrollmentCode(hash: "h1", at: clock.now)?.accountID == account.id)
            #expect(try await test.redeemEnrollmentCode(hash: "h1", at: clock.now) == nil)
            #expect(try await test.redeemEnrollmentCode(hash: "unknown", at: clock.now) == nil)
            #expect(try await test.redeemEnrollmentCode(hash: "h2", at: clock.now.advanced(by: .seconds(60))) == nil)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func devicesBelongToAccountsAndKeysAreUnique(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let account = Fixtures.account("bob", at: clock.now)
            try await database.insertAccount(account)
            let jwk = try SigningKey.generateEd25519().publicJWK()
            let device = ApproverDevice(
                id: "d1", accountID: account.id, name: "laptop", jwk: jwk, thumbprint: try jwk.thumbprint(),
                enrolledAt: clock.now)
            try await test.insertDevice(device)
            await #expect(throws: StoreError.self) { try await test.insertDevice(device) }
            let orphan = ApproverDevice(
                id: "d2", accountID: "no-such-account", name: "x", jwk: jwk, thumbprint: "other",
                enrolledAt: clock.now)
            await #expect(throws: (any Error).self) { try await test.insertDevice(orphan) }
            try await database.touchDevice(id: "d1", at: clock.now.advanced(by: .seconds(5)))
            #expect(
                try await database.device(thumbprint: device.thumbprint)?.lastSeenAt
                    == clock.now.advanced(by: .seconds(5)))
            #expect(try await database.devices(accountID: account.id).map(\.id) == ["d1"])
        }
    }

    @Test(arguments: TestBackend.allCases)
    func auditLogIsAppendOnly(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            try await test.store.appendAudit([AuditEvent(grantID: nil, at: clock.now, kind: "as.started", detail: "")])
            // A raw connection cannot rewrite it either: the rule is in the schema.
            await #expect(throws: (any Error).self) { try await test.executeRaw("UPDATE audit_events SET kind = 'x'") }
            await #expect(throws: (any Error).self) { try await test.executeRaw("DELETE FROM audit_events") }
            if backend == .postgres {
                await #expect(throws: (any Error).self) { try await test.executeRaw("TRUNCATE audit_events") }
            }
            #expect(try await test.store.auditEntries(AuditQuery()).map(\.event.kind) == ["as.started"])
            // The raw connection works: an insert passes.
            try await test.executeRaw(
                "INSERT INTO audit_events (at, kind, detail) VALUES (0, 'raw', 'inserted outside the store')")
            #expect(try await test.store.auditEntries(AuditQuery()).count == 2)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func schemaRulesHoldOutsideTheStore(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let account = Fixtures.account("carol", at: clock.now)
            try await test.store.insertAccount(account)
            // CHECK, NOT NULL and the foreign keys are the database's, not only the store's.
            let refused = [
                "UPDATE accounts SET role = 'root'",
                "UPDATE accounts SET display_name = NULL",
                "INSERT INTO enrollment_codes (code_hash, account_id, created_at, expires_at) VALUES ('h', 'nobody', 0, 1)",
            ]
            for statement in refused {
                await #expect(throws: (any Error).self, "\(statement)") { try await test.executeRaw(statement) }
            }
            #expect(try await test.store.account(id: account.id) == account)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func secretsAreCreatedOnce(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let first = try await test.store.secret(named: "pepper") { [1, 2, 3] }
            let second = try await test.store.secret(named: "pepper") { [9, 9, 9] }
            #expect(first == [1, 2, 3] && second == [1, 2, 3])
            // Another instance reads the same value.
            let other = try await test.reopen()
            #expect(try await other.store.secret(named: "pepper") { [7] } == [1, 2, 3])
            await other.close()
        }
    }
}
