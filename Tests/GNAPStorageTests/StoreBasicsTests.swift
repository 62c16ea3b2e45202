import Foundation
import GNAP
import GNAPStorage
import HTTPMessageSignatures
import Testing

@Suite("AS database")
struct ASDatabaseTests {
    let clock = ManualClock()

    @Test func migrationsAreNamedAndStateSurvivesReopening() async throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let instance = try Fixtures.instance(at: clock.now)
        let grant = Fixtures.grant(instance: instance, clock: clock)
        do {
            let database = try ASDatabase.open(directory: directory)
            #expect(
                try database.appliedMigrations() == [
                    "2026-11-26-accounts-and-devices", "2026-11-26-audit-log", "2026-11-26-grants-and-tokens",
                    "2026-11-27-token-management", "2026-11-28-account-updated-at", "2026-11-28-registered-clients",
                    "2026-11-29-audit-actor-and-request", "2026-11-29-enrollment-code-expiry",
                    "2026-11-29-interaction-urls",
                ])
            try await database.insertClientInstance(instance)
            try await database.insertGrant(
                grant, audit: [AuditEvent(grantID: grant.id, at: clock.now, kind: "grant.created", detail: "x")])
        }
        let reopened = try ASDatabase.open(directory: directory)
        #expect(try await reopened.grant(id: grant.id) == grant)
        #expect(try await reopened.grant(userCodeHash: "uc-hash")?.id == grant.id)
        #expect(try await reopened.clientInstance(thumbprint: instance.key.thumbprint) == instance)
        #expect(try await reopened.auditEvents(grantID: grant.id).map(\.kind) == ["grant.created"])
        let attributes = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent(ASDatabase.fileName).path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func updatesAreTransactional() async throws {
        let database = try ASDatabase.inMemory()
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
                    AuditEvent(grantID: record.id, at: record.lifecycle.createdAt, kind: "tokens.issued", detail: "1")
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

    @Test func userCodeHashesAndTokenHashesAreUnique() async throws {
        let database = try ASDatabase.inMemory()
        let instance = try Fixtures.instance(at: clock.now)
        try await database.insertClientInstance(instance)
        try await database.insertGrant(Fixtures.grant(instance: instance, clock: clock), audit: [])
        await #expect(throws: (any Error).self) {
            try await database.insertGrant(Fixtures.grant(instance: instance, clock: clock), audit: [])
        }
    }

    /// RFC 9635 §3.3.1: grants with the `redirect`/`app` start modes are found by the hash of their interaction id,
    /// which is unique; grants without one (user code only) are never found by it.
    @Test func grantsAreFoundByTheirInteractionIDHash() async throws {
        let database = try ASDatabase.inMemory()
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

    @Test func enrollmentCodesAreSingleUseAndExpire() async throws {
        let database = try ASDatabase.inMemory()
        let account = Fixtures.account("alice", at: clock.now)
        try await database.insertAccount(account)
        await #expect(throws: StoreError.conflict("account 'alice'")) { try await database.insertAccount(account) }
        let code = EnrollmentCodeRecord(
            codeHash: "h1", accountID: account.id, createdAt: clock.now, expiresAt: clock.now.advanced(by: .seconds(60))
        )
        try await database.insertEnrollmentCode(code)
        try await database.insertEnrollmentCode(
            EnrollmentCodeRecord(
                codeHash: "h2", accountID: account.id, createdAt: clock.now,
                expiresAt: clock.now.advanced(by: .seconds(60))))
        #expect(try await database.redeemEnrollmentCode(hash: "h1", at: clock.now)?.accountID == account.id)
        #expect(try await database.redeemEnrollmentCode(hash: "h1", at: clock.now) == nil)
        #expect(try await database.redeemEnrollmentCode(hash: "unknown", at: clock.now) == nil)
        #expect(try await database.redeemEnrollmentCode(hash: "h2", at: clock.now.advanced(by: .seconds(60))) == nil)
    }

    @Test func devicesBelongToAccountsAndKeysAreUnique() async throws {
        let database = try ASDatabase.inMemory()
        let account = Fixtures.account("bob", at: clock.now)
        try await database.insertAccount(account)
        let jwk = try SigningKey.generateEd25519().publicJWK()
        let device = ApproverDevice(
            id: "d1", accountID: account.id, name: "laptop", jwk: jwk, thumbprint: try jwk.thumbprint(),
            enrolledAt: clock.now)
        try await database.insertDevice(device)
        await #expect(throws: StoreError.self) { try await database.insertDevice(device) }
        let orphan = ApproverDevice(
            id: "d2", accountID: "no-such-account", name: "x", jwk: jwk, thumbprint: "other", enrolledAt: clock.now)
        await #expect(throws: (any Error).self) { try await database.insertDevice(orphan) }
        try await database.touchDevice(id: "d1", at: clock.now.advanced(by: .seconds(5)))
        #expect(
            try await database.device(thumbprint: device.thumbprint)?.lastSeenAt == clock.now.advanced(by: .seconds(5)))
        #expect(try await database.devices(accountID: account.id).map(\.id) == ["d1"])
    }

    @Test func auditLogIsAppendOnly() async throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try ASDatabase.open(directory: directory)
        try await database.appendAudit([AuditEvent(grantID: nil, at: clock.now, kind: "as.started", detail: "")])
        // A raw connection cannot rewrite it either: the rule is in the schema.
        let raw = try SQLiteShell(path: directory.appendingPathComponent(ASDatabase.fileName).path)
        #expect(throws: (any Error).self) { try raw.execute("UPDATE audit_events SET kind = 'forged'") }
        #expect(throws: (any Error).self) { try raw.execute("DELETE FROM audit_events") }
    }

    @Test func secretsAreCreatedOnce() async throws {
        let database = try ASDatabase.inMemory()
        let first = try await database.secret(named: "pepper") { [1, 2, 3] }
        let second = try await database.secret(named: "pepper") { [9, 9, 9] }
        #expect(first == [1, 2, 3] && second == [1, 2, 3])
    }
}
