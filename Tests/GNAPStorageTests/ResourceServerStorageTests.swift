import ASBackendTestSupport
import Foundation
import GNAP
import HTTPMessageSignatures
import Testing

/// ``ResourceServerStore`` on every backend: pre-registered and trusted-on-first-use RSes, one per key; resource
/// sets; the RFC 9767 columns of tokens.
@Suite("AS store: resource servers and resource sets, on every backend")
struct ResourceServerStorageTests {
    let clock = ManualClock()

    func server(_ id: String, registered: Bool, key: ClientKeyBinding? = nil, types: [String] = ["notes"]) throws
        -> ResourceServerRecord
    {
        ResourceServerRecord(
            id: id, key: try key ?? Fixtures.clientKey(), displayName: registered ? "Notes" : nil,
            accessTypes: registered ? types : [], locations: registered ? ["https://notes.test"] : [],
            references: registered ? ["notes.all"] : [], registered: registered, createdAt: clock.now)
    }

    @Test(arguments: TestBackend.allCases)
    func serversAreFoundByIdentifierAndKeyAndRegistrationFollowsTheFile(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let notes = try server("notes", registered: true)
            let photos = try server("photos", registered: true, types: ["photo-api"])
            try await database.registerResourceServers([notes, photos], audit: [])
            #expect(try await database.resourceServer(id: "notes") == notes)
            #expect(try await database.resourceServer(thumbprint: photos.key.thumbprint) == photos)
            #expect(try await database.resourceServer(id: "nope") == nil)

            // A trusted-on-first-use RS, audited in the same transaction.
            let dynamic = try server("dyn", registered: false)
            try await database.insertResourceServer(
                dynamic, audit: [AuditEvent(grantID: nil, at: clock.now, kind: .resourceServerTrusted, detail: "dyn")])
            #expect(try await database.resourceServers().map(\.id) == ["notes", "photos", "dyn"])
            #expect(try await database.latestAuditEntryID() == 1)

            // The file changes: photos is gone (kept, unvetted), notes takes a new key and name.
            var renamed = notes
            renamed.key = try Fixtures.clientKey()
            renamed.displayName = "Notes v2"
            try await database.registerResourceServers([renamed], audit: [])
            #expect(try await database.resourceServer(id: "notes") == renamed)
            #expect(try await database.resourceServer(thumbprint: notes.key.thumbprint) == nil)
            #expect(try await database.resourceServer(id: "photos")?.registered == false)

            // One RS per key and per identifier.
            await #expect(throws: StoreError.self) {
                try await database.insertResourceServer(
                    try server("other", registered: false, key: renamed.key), audit: [])
            }
            await #expect(throws: StoreError.self) {
                try await database.registerResourceServers([try server("dyn", registered: true)], audit: [])
            }
        }
    }

    @Test(arguments: TestBackend.allCases)
    func resourceSetsAreStoredWholeAndReferencesAreUnique(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let notes = try server("notes", registered: true)
            try await database.registerResourceServers([notes], audit: [])
            let set = ResourceSetRecord(
                reference: "R1", resourceServerID: "notes",
                access: [.object(AccessRightObject(type: "notes", actions: ["read"])), .reference("notes.all")],
                tokenFormats: ["jwt-signed"], introspectionRequired: true, createdAt: clock.now)
            try await database.insertResourceSet(
                set, audit: [AuditEvent(grantID: nil, at: clock.now, kind: .resourceSetRegistered, detail: "R1")])
            #expect(try await database.resourceSet(reference: "R1") == set)
            #expect(try await database.resourceSets(resourceServerID: "notes") == [set])
            #expect(try await database.resourceSets(resourceServerID: "other").isEmpty)
            #expect(try await database.resourceSets(resourceServerID: nil) == [set])
            await #expect(throws: StoreError.conflict("resource set R1")) {
                try await database.insertResourceSet(set, audit: [])
            }
            // A set of an RS the store does not know violates the foreign key.
            var orphan = set
            orphan.reference = "R2"
            orphan.resourceServerID = "ghost"
            await #expect(throws: (any Error).self) { try await database.insertResourceSet(orphan, audit: []) }
            #expect(try await database.resourceServerDirectory().sets == [set])
        }
    }

    @Test(arguments: TestBackend.allCases)
    func tokensKeepTheirFormatAudienceSubjectAndParent(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let instance = try Fixtures.instance(at: clock.now)
            try await database.insertClientInstance(instance)
            let grant = Fixtures.grant(instance: instance, clock: clock)
            try await database.insertGrant(grant, audit: [])
            var parent = AccessTokenRecord(
                id: "P", grantID: grant.id, tokenHash: "h1", label: nil, access: [.reference("dolphin-metadata")],
                flags: [], boundKey: instance.key, issuedAt: clock.now, expiresAt: nil)
            parent.format = "jwt-signed"
            parent.audience = ["https://notes.test"]
            parent.subject = "U1"
            var child = parent
            child.id = "C"
            child.tokenHash = "h2"
            child.parentTokenID = "P"
            let tokens = [parent, child]
            try await database.updateGrant(id: grant.id) { _ in GrantMutation((), issuedTokens: tokens) }
            #expect(try await database.accessToken(id: "P") == parent)
            #expect(try await database.accessToken(hash: "h2") == child)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func theSchemaKeepsItsRulesOutsideTheStore(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            try await test.store.registerResourceServers([try server("notes", registered: true)], audit: [])
            let instance = try Fixtures.instance(at: clock.now)
            try await test.store.insertClientInstance(instance)
            let grant = Fixtures.grant(instance: instance, clock: clock)
            try await test.store.insertGrant(grant, audit: [])
            let token = AccessTokenRecord(
                id: "P", grantID: grant.id, tokenHash: "h1", label: nil, access: [.reference("notes.all")],
                flags: [], boundKey: instance.key, issuedAt: clock.now, expiresAt: nil)
            try await test.store.updateGrant(id: grant.id) { _ in GrantMutation((), issuedTokens: [token]) }
            // CHECK, NOT NULL, UNIQUE and the foreign keys are the database's, not only the store's.
            let columns = "id, key_thumbprint, key, access_types, locations, references_served, origin, created_at"
            let refused = [
                "INSERT INTO resource_servers (\(columns)) VALUES ('a', 't', 'k', '[]', '[]', '[]', 'elsewhere', 0)",
                "INSERT INTO resource_servers (\(columns)) VALUES ('a', 't', NULL, '[]', '[]', '[]', 'dynamic', 0)",
                """
                INSERT INTO resource_servers (\(columns))
                SELECT 'copy', key_thumbprint, key, '[]', '[]', '[]', 'dynamic', 0 FROM resource_servers
                """,
                """
                INSERT INTO resource_sets (reference, resource_server_id, access, introspection_required, created_at)
                VALUES ('R', 'ghost', '[]', false, 0)
                """,
                "UPDATE access_tokens SET parent_token_id = 'ghost'",
            ]
            for statement in refused {
                await #expect(throws: (any Error).self, "\(statement)") { try await test.executeRaw(statement) }
            }
            #expect(try await test.store.accessToken(id: "P") == token)
            #expect(try await test.store.resourceServers().map(\.id) == ["notes"])
        }
    }
}
