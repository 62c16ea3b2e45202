import Foundation
import GNAP
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// The inbox on SQLite: admission counts and writes in one transaction, the request log the limits count, deliveries
/// and lifted blocks.
@Suite("Inbox storage")
struct InboxStorageTests {
    struct Setup {
        let store: ASDatabase
        let clock = ManualClock()
        let instance: ClientInstanceRecord
        let account: Account

        init(directory: URL? = nil) async throws {
            store = try directory.map { try ASDatabase.open(directory: $0) } ?? ASDatabase.inMemory()
            instance = try Fixtures.instance(at: clock.now)
            account = Fixtures.account("alice", at: clock.now)
            try await store.insertClientInstance(instance)
            try await store.insertAccount(account)
        }

        /// A new inbox grant asking for the reference `access`.
        func grant(_ access: String) -> GrantRecord {
            var grant = Fixtures.grant(instance: instance, clock: clock, userCodeHash: nil)
            grant.request.accessToken = .single(AccessTokenRequest(access: [.reference(access)]))
            grant.lifecycle =
                GrantLifecycle.start(
                    clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5,
                    inbox: InboxDelivery(accountID: account.id)
                ).state
            return grant
        }

        /// Admits a new grant asking for `access` under `limits`, as the server does (the fingerprint of what it asks
        /// for finds an identical pending one).
        func admit(_ limits: InboxLimits, fingerprint access: String = "f") async throws -> InboxAdmission {
            let grant = grant(access)
            let now = clock.now
            let audit = AuditEvent(grantID: grant.id, at: now, kind: .grantCreated, detail: "created")
            let key = InboxRequestKey(
                instanceID: instance.id, accountID: account.id, fingerprint: InboxLimits.fingerprint(of: grant.request))
            return try await store.admitInboxRequest(
                key, at: now, window: limits.window, streakLimit: limits.denialsBeforeBlock
            ) { standing in
                limits.decide(standing, client: "c", user: "alice", creating: grant, audit: [audit]) { limit in
                    AuditEvent(grantID: nil, at: now, kind: .inboxRefused, detail: limit)
                }
            }
        }
    }

    static func kind(_ admission: InboxAdmission) -> String {
        switch admission {
        case .create: "create"
        case .merge: "merge"
        case .refuse: "refuse"
        }
    }

    @Test func concurrentAdmissionsCountAndWriteInOneTransaction() async throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let setup = try await Setup(directory: directory)
        let limits = InboxLimits(maximumPending: 3)
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                group.addTask { Self.kind(try await setup.admit(limits, fingerprint: "f\(index)")) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == "create" }.count == 3)
        #expect(results.filter { $0 == "refuse" }.count == 5)
        let waiting = try await setup.store.inboxGrants(accountID: setup.account.id, at: setup.clock.now, limit: 100)
        #expect(waiting.count == 3)
        let entries = try await setup.store.auditEntries(AuditQuery(limit: 1000)).map(\.event.kind)
        #expect(entries.filter { $0 == .grantCreated }.count == 3)
        #expect(entries.filter { $0 == .inboxRefused }.count == 5)
    }

    @Test func anIdenticalPendingRequestIsFoundAndRepeatsCountInTheWindow() async throws {
        let setup = try await Setup()
        let limits = InboxLimits(maximumPending: 5, maximumPerWindow: 3, window: .seconds(60))
        guard case .create(let created, _) = try await setup.admit(limits) else {
            Issue.record("expected a new request")
            return
        }
        guard case .merge(let grantID) = try await setup.admit(limits) else {
            Issue.record("expected a merge")
            return
        }
        #expect(grantID == created.id)
        #expect(Self.kind(try await setup.admit(limits, fingerprint: "g")) == "create")
        // Three requests logged in the window, merged one included: the fourth is refused.
        #expect(Self.kind(try await setup.admit(limits, fingerprint: "h")) == "refuse")
        setup.clock.advance(by: .seconds(61))
        #expect(Self.kind(try await setup.admit(limits, fingerprint: "h")) == "create")
        // An expired request is neither pending nor merged into.
        setup.clock.advance(by: .seconds(601))
        #expect(try await setup.store.inboxGrants(accountID: setup.account.id, at: setup.clock.now, limit: 10).isEmpty)
        #expect(Self.kind(try await setup.admit(limits)) == "create")
    }

    @Test func deliveriesAreRecordedOncePerTerminal() async throws {
        let setup = try await Setup()
        guard case .create(let grant, _) = try await setup.admit(InboxLimits()) else {
            Issue.record("expected a new request")
            return
        }
        let now = setup.clock.now
        for id in ["d1", "d2"] {
            let jwk = try SigningKey.generateEd25519().publicJWK()
            try await setup.store.insertDevice(
                ApproverDevice(
                    id: id, accountID: setup.account.id, name: id, jwk: jwk, thumbprint: try jwk.thumbprint(),
                    enrolledAt: now))
        }
        let audit: @Sendable (String) -> AuditEvent = {
            AuditEvent(grantID: $0, at: now, kind: .inboxDelivered, detail: "delivered")
        }
        #expect(
            try await setup.store.recordInboxDeliveries(grantIDs: [grant.id], deviceID: "d1", at: now, audit: audit)
                == 1)
        #expect(
            try await setup.store.recordInboxDeliveries(grantIDs: [grant.id], deviceID: "d1", at: now, audit: audit)
                == 0)
        #expect(
            try await setup.store.recordInboxDeliveries(grantIDs: [grant.id], deviceID: "d2", at: now, audit: audit)
                == 1)
        let receipts = try await setup.store.inboxDeliveries(grantIDs: [grant.id])
        #expect(receipts[grant.id]?.map(\.deviceID) == ["d1", "d2"])
        let delivered = try await setup.store.auditEntries(AuditQuery(kind: .inboxDelivered, limit: 10))
        #expect(delivered.count == 2)
    }
}
