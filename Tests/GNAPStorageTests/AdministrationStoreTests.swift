import ASBackendTestSupport
import Foundation
import GNAP
import GNAPStorage
import HTTPMessageSignatures
import Testing

@Suite("AS store: administration, on every backend")
struct AdministrationStoreTests {
    let clock = ManualClock()

    @Test(arguments: TestBackend.allCases)
    func eventsAreStampedWithTheRequestAndActorOfTheirContext(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let context = AuditContext(requestID: "req-1")
            try await AuditContext.$current.withValue(context) {
                context.identify("device:d1")
                try await database.appendAudit([AuditEvent(grantID: nil, at: clock.now, kind: "a", detail: "")])
            }
            try await database.appendAudit([
                AuditEvent(grantID: nil, at: clock.now, kind: "b", detail: "", accountID: "acc"),
                AuditEvent(grantID: nil, at: clock.now, kind: "c", detail: ""),
                AuditEvent(grantID: nil, at: clock.now, kind: "d", detail: "", actor: "cli:local"),
            ])
            let entries = try await database.auditEntries(AuditQuery())
            #expect(entries.map(\.event.actor) == ["device:d1", "account:acc", "system", "cli:local"])
            #expect(entries.map(\.event.requestID) == ["req-1", nil, nil, nil])
            #expect(
                try await database.auditEntries(AuditQuery(afterID: entries[1].id)).map(\.event.kind) == ["c", "d"])
            #expect(try await database.latestAuditEntryID() == entries[3].id)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func pagesNeverRepeatOrSkipGrantsCreatedAtTheSameInstant(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let instance = try Fixtures.instance(at: clock.now)
            try await database.insertClientInstance(instance)
            var ids: Set<String> = []
            for _ in 0..<7 {
                let grant = Fixtures.grant(instance: instance, clock: clock, userCodeHash: nil)
                try await database.insertGrant(grant, audit: [])
                ids.insert(grant.id)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await database.grants(GrantQuery(cursor: cursor, limit: 3))
                seen += page.grants.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.count == 7 && Set(seen) == ids)
            await #expect(throws: StoreError.self) { try await database.grants(GrantQuery(cursor: "bogus")) }
            let counts = try await database.grantCounts()
            #expect(counts.byStatus["pending"] == 7 && counts.byStatus["approved"] == 0)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func revokingADeviceIsRecordedOnce(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let account = Fixtures.account("alice", at: clock.now)
            try await database.insertAccount(account)
            let key = SigningKey.generateEd25519(keyID: "k")
            try await test.insertDevice(
                ApproverDevice(
                    id: "d1", accountID: account.id, name: "laptop", jwk: try key.publicJWK(),
                    thumbprint: try key.publicJWK().thumbprint(), enrolledAt: clock.now))
            let event = AuditEvent(grantID: nil, at: clock.now, kind: "device.revoked", detail: "")
            let first = try await database.revokeDevice(id: "d1", at: clock.now, audit: [event])
            clock.advance(by: .seconds(5))
            let second = try await database.revokeDevice(id: "d1", at: clock.now, audit: [event])
            #expect(first.revokedAt == second.revokedAt)
            #expect(try await database.auditEntries(AuditQuery(kind: "device.revoked")).count == 1)
            await #expect(throws: StoreError.self) {
                try await database.revokeDevice(id: "nope", at: clock.now, audit: [])
            }
        }
    }
}
