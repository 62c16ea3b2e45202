import ASBackendTestSupport
import Foundation
import GNAP
import GNAPStorage
import HTTPMessageSignatures
import Testing

@Suite("AS store: account updates and pre-registered clients, on every backend")
struct AccountAndRegistryStorageTests {
    let clock = ManualClock()

    @Test(arguments: TestBackend.allCases)
    func updatedAtChangesOnlyWithTheAccount(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let alice = Fixtures.account("alice", at: clock.now)
            try await database.insertAccount(alice)
            #expect(try await database.account(id: alice.id)?.updatedAt == alice.createdAt)
            #expect(try await database.account(opaqueSubject: alice.opaqueSubject)?.id == alice.id)
            #expect(try await database.account(opaqueSubject: "nobody") == nil)
            clock.advance(by: .seconds(60))
            let unchanged = try await database.updateAccount(id: alice.id, at: clock.now) {
                $0.email = "alice@example.com"
            }
            #expect(unchanged.updatedAt == alice.createdAt)
            // The stored updated_at cannot be set directly either.
            let ignored = try await database.updateAccount(id: alice.id, at: clock.now) {
                $0.updatedAt = WallInstant(unixSeconds: 1)
            }
            #expect(ignored.updatedAt == alice.createdAt)
            let changed = try await database.updateAccount(id: alice.id, at: clock.now) { $0.displayName = "Alice A." }
            #expect(changed.updatedAt == clock.now && changed.displayName == "Alice A.")
            #expect(try await database.account(id: alice.id) == changed)
            let bob = Fixtures.account("bob", at: clock.now)
            try await database.insertAccount(bob)
            await #expect(throws: StoreError.conflict("account 'bob'")) {
                try await database.updateAccount(id: alice.id, at: clock.now) { $0.username = "bob" }
            }
            await #expect(throws: StoreError.notFound("account nope")) {
                try await database.updateAccount(id: "nope", at: clock.now) { _ in }
            }
        }
    }

    func registered(_ id: String, name: String, key: ClientKeyBinding) -> ClientInstanceRecord {
        ClientInstanceRecord(
            id: id, key: key, display: ClientDisplay(name: name), createdAt: clock.now, registered: true)
    }

    @Test(arguments: TestBackend.allCases)
    func registeringClientsSyncsTheRegistry(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let tvKey = try Fixtures.clientKey()
            let kioskKey = try Fixtures.clientKey()
            try await database.registerClients(
                [registered("tv", name: "TV", key: tvKey), registered("kiosk", name: "Kiosk", key: kioskKey)], audit: []
            )
            #expect(try await database.clientInstance(id: "tv") == registered("tv", name: "TV", key: tvKey))
            // A dynamic instance with the same key does not shadow the registered one.
            try await database.insertClientInstance(
                ClientInstanceRecord(
                    id: "dyn", key: tvKey, display: nil, createdAt: clock.now.advanced(by: .seconds(-9))))
            #expect(try await database.clientInstance(thumbprint: tvKey.thumbprint)?.id == "tv")
            // Restarting with a changed file: new display and key for tv, kiosk dropped.
            let newKey = try Fixtures.clientKey()
            clock.advance(by: .seconds(60))
            try await database.registerClients(
                [registered("tv", name: "Lobby TV", key: newKey)],
                audit: [AuditEvent(grantID: nil, at: clock.now, kind: "clients.registered", detail: "tv")])
            let tv = try #require(try await database.clientInstance(id: "tv"))
            #expect(tv.display?.name == "Lobby TV" && tv.key == newKey && tv.registered)
            // Its first registration time is kept.
            #expect(tv.createdAt == clock.now.advanced(by: .seconds(-60)))
            let kiosk = try #require(try await database.clientInstance(id: "kiosk"))
            #expect(!kiosk.registered && kiosk.key == kioskKey)
            // An operator cannot take over a dynamic instance's identifier.
            await #expect(throws: StoreError.conflict("a dynamic client instance with the id 'dyn'")) {
                try await database.registerClients(
                    [registered("dyn", name: "X", key: try Fixtures.clientKey())], audit: [])
            }
            // Nothing of the failed registration was written.
            #expect(try await database.clientInstance(id: "tv")?.registered == true)
            // A client dropped earlier can come back.
            try await database.registerClients([registered("kiosk", name: "Kiosk", key: kioskKey)], audit: [])
            #expect(try await database.clientInstance(id: "kiosk")?.registered == true)
            #expect(try await database.clientInstance(id: "tv")?.registered == false)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func grantsStoredBeforeTheNewFieldsStillLoad(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let instance = try Fixtures.instance(at: clock.now)
            try await database.insertClientInstance(instance)
            var grant = Fixtures.grant(instance: instance, clock: clock)
            grant.assertionFormats = ["id_token"]
            grant.clientVetted = true
            grant.requestedUser = RequestedUser(subIDs: [.opaque("x")], reference: "x")
            grant.uiLocales = ["fr"]
            try await database.insertGrant(grant, audit: [])
            #expect(try await database.grant(id: grant.id) == grant)
            // A record without them (as written before they existed) decodes with nil.
            let old = try GNAPJSON.decode(
                GrantRecord.self, from: try GNAPJSON.encode(Fixtures.grant(instance: instance, clock: clock)))
            #expect(old.assertionFormats == nil && old.requestedUser == nil && old.clientVetted == nil)
        }
    }
}
