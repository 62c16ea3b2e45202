import ASBackendTestSupport
import GNAP
import HTTPMessageSignatures
import Testing

/// Moving an AS between backends (`gnapterm db copy`): every row arrives exactly as stored, in both directions,
/// the counts are checked, a non-empty destination is refused, and new audit entries follow the copied ones.
@Suite("Copying an AS store between backends")
struct StoreCopyTests {
    let clock = ManualClock()

    /// A store with a row in every table, including what only the store keeps (a registry client's origin, an
    /// expired code's note, audit positions, a secret's raw bytes).
    func fill(_ test: TestStore) async throws {
        let store = test.store
        let alice = Fixtures.account("alice", at: clock.now)
        try await store.insertAccount(alice, audit: [AuditEvent(grantID: nil, at: clock.now, kind: "a", detail: "")])
        _ = try await store.secret(named: "user-code-pepper") { Array(0..<32) }
        _ = try await store.secret(named: "opaque-bytes") { [0, 255, 10, 13, 0] }
        let registered = ClientInstanceRecord(
            id: "tv", key: try Fixtures.clientKey(), display: ClientDisplay(name: "TV"), createdAt: clock.now,
            registered: true)
        try await store.registerClients([registered], audit: [])
        let dynamic = try Fixtures.instance(at: clock.now)
        try await store.insertClientInstance(dynamic)
        try await store.insertEnrollmentCode(
            EnrollmentCodeRecord(
                codeHash: "stale", accountID: alice.id, createdAt: clock.now,
                expiresAt: clock.now.advanced(by: .seconds(1))))
        try await store.insertEnrollmentCode(
            EnrollmentCodeRecord(
                codeHash: "fresh", accountID: alice.id, createdAt: clock.now,
                expiresAt: clock.now.advanced(by: .seconds(600))))
        let jwk = try SigningKey.generateEd25519().publicJWK()
        let device = ApproverDevice(
            id: "d1", accountID: alice.id, name: "laptop", jwk: jwk, thumbprint: try jwk.thumbprint(),
            enrolledAt: clock.now)
        _ = try await store.enrollDevice(codeHash: "fresh", at: clock.now) { _ in (device, []) }
        clock.advance(by: .seconds(5))
        _ = try await store.expireEnrollmentCodes(at: clock.now) { code in
            AuditEvent(grantID: nil, at: clock.now, kind: .enrollmentExpired, detail: code.codeHash)
        }
        var lastGrant: GrantRecord?
        for index in 0..<7 {
            let grant = Fixtures.grant(
                instance: index.isMultiple(of: 2) ? dynamic : registered, clock: clock,
                userCodeHash: "code-\(index)")
            let token = AccessTokenRecord(
                id: "t\(index)", grantID: grant.id, tokenHash: "hash-\(index)", managementTokenHash: "m-\(index)",
                label: index == 0 ? "first" : nil, access: [.reference("dolphin-metadata")],
                flags: [AccessTokenFlag.durable], boundKey: grant.clientKey, issuedAt: clock.now,
                expiresAt: clock.now.advanced(by: .seconds(3600)))
            try await store.insertGrant(
                grant, audit: [AuditEvent(grantID: grant.id, at: clock.now, kind: .grantCreated, detail: "\(index)")])
            try await store.updateGrant(id: grant.id) { _ in GrantMutation((), issuedTokens: [token]) }
            lastGrant = grant
        }
        try await fillResourceServers(store, grant: try #require(lastGrant))
        _ = try await store.recordNonce(
            "n1", key: "k1", expiresAt: clock.now.advanced(by: .seconds(300)), now: clock.now,
            perKeyLimit: 10)
        _ = try await store.beginCodeAttempt(device: "d1", at: clock.now, policy: CodeAttemptPolicy())
        // An asynchronous request of the dynamic client for alice, delivered to her device, and a lifted block.
        var request = Fixtures.grant(instance: dynamic, clock: clock, userCodeHash: nil)
        request.lifecycle.inbox = InboxDelivery(accountID: alice.id)
        let addressed = request
        _ = try await store.admitInboxRequest(
            InboxRequestKey(instanceID: dynamic.id, accountID: alice.id, fingerprint: "f"), at: clock.now,
            window: .seconds(3600), streakLimit: 3
        ) { _ in .create(addressed, audit: []) }
        let now = clock.now
        try await store.recordInboxDeliveries(grantIDs: [addressed.id], deviceID: "d1", at: now) { id in
            AuditEvent(grantID: id, at: now, kind: "inbox.delivered", detail: "")
        }
        try await store.liftInboxBlock(instanceID: dynamic.id, accountID: alice.id, at: now, audit: [])
    }

    /// RFC 9767 rows: an RS pre-registered and then left out of the file (unvetted, its origin kept), one trusted on
    /// first use with a resource set, and a chain of derived tokens whose identifiers sort before their parents', so
    /// a copy in identifier order would break the parent foreign key.
    func fillResourceServers(_ store: any ASStore, grant: GrantRecord) async throws {
        let notes = ResourceServerRecord(
            id: "notes", key: try Fixtures.clientKey(), displayName: "Notes", accessTypes: ["notes"],
            locations: ["https://notes.test"], references: ["notes.all"], registered: true, createdAt: clock.now)
        try await store.registerResourceServers([notes], audit: [])
        try await store.registerResourceServers([], audit: [])
        let trusted = ResourceServerRecord(
            id: "rs-dyn", key: try Fixtures.clientKey(), displayName: nil, registered: false, createdAt: clock.now)
        try await store.insertResourceServer(trusted, audit: [])
        try await store.insertResourceSet(
            ResourceSetRecord(
                reference: "R1", resourceServerID: trusted.id, access: [.reference("notes.all")],
                tokenFormats: ["jwt-signed"], introspectionRequired: true, createdAt: clock.now),
            audit: [])
        var child = AccessTokenRecord(
            id: "b-derived", grantID: grant.id, tokenHash: "hash-b", label: nil, access: [.reference("notes.all")],
            flags: [], boundKey: trusted.key, issuedAt: clock.now, expiresAt: clock.now.advanced(by: .seconds(300)))
        child.format = "jwt-signed"
        child.audience = ["https://notes.test"]
        child.subject = "U1"
        child.parentTokenID = "t6"
        var grandchild = child
        grandchild.id = "a-derived"
        grandchild.tokenHash = "hash-a"
        grandchild.parentTokenID = child.id
        let derived = [child, grandchild]
        try await store.updateGrant(id: grant.id) { _ in GrantMutation((), issuedTokens: derived) }
    }

    /// Every row of every table (pages of 3, so paging is crossed), as sets: the backends' text orderings may
    /// differ. Each page must hold rows not seen before.
    func everything(_ store: any ASStoreTransfer) async throws -> [ASTable: Set<ASRow>] {
        var rows: [ASTable: Set<ASRow>] = [:]
        for table in ASTable.allCases {
            var cursor: String?
            repeat {
                let page = try await store.exportRows(of: table, after: cursor, limit: 3)
                for row in page.rows { #expect(rows[table, default: []].insert(row).inserted, "\(table) repeated") }
                cursor = page.next
            } while cursor != nil
        }
        return rows
    }

    @Test func sqliteToPostgresAndBackAgainKeepsEveryRow() async throws {
        try await TestStore.with(.sqlite) { source in
            try await fill(source)
            let original = try await everything(source.store)
            #expect(ASTable.allCases.allSatisfy { !(original[$0] ?? []).isEmpty })
            try await TestStore.with(.postgres) { postgres in
                let counts = try await ASStoreCopy.run(from: source.store, to: postgres.store, pageSize: 4)
                #expect(counts == original.mapValues(\.count))
                #expect(try await everything(postgres.store) == original)
                // The copy continues the audit log after the copied entries.
                let last = try await postgres.store.latestAuditEntryID()
                try await postgres.store.appendAudit([AuditEvent(grantID: nil, at: clock.now, kind: "b", detail: "")])
                #expect(try await postgres.store.latestAuditEntryID() == last + 1)
                try await TestStore.with(.sqlite) { back in
                    try await ASStoreCopy.run(from: postgres.store, to: back.store)
                    var expected = original
                    expected[.auditEvents] = try await everything(postgres.store)[.auditEvents]
                    #expect(try await everything(back.store) == expected)
                }
            }
        }
    }

    @Test(arguments: TestBackend.allCases)
    func aDestinationThatIsNotEmptyIsRefusedUntouched(_ backend: TestBackend) async throws {
        try await TestStore.with(.sqlite) { source in
            try await fill(source)
            try await TestStore.with(backend) { destination in
                try await destination.store.insertAccount(Fixtures.account("zed", at: clock.now))
                let before = try await destination.store.tableCounts()
                await #expect(throws: ASStoreCopy.Failure.self) {
                    try await ASStoreCopy.run(from: source.store, to: destination.store)
                }
                #expect(try await destination.store.tableCounts() == before)
            }
        }
    }
}
