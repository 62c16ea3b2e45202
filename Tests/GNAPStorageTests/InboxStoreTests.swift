import ASBackendTestSupport
import Foundation
import GNAP
import HTTPMessageSignatures
import Synchronization
import Testing

/// The inbox of asynchronous requests (``InboxStore``) on every backend: admission under the limits, merging of an
/// identical request, deliveries once per terminal, the inbox's requests and log, and a lifted block.
@Suite("AS store: inbox, on every backend")
struct InboxStoreTests {
    let clock = ManualClock()

    /// A client, an account with one device, and a pending request of that client addressed to the account.
    private func setUp(_ test: TestStore) async throws -> (ClientInstanceRecord, Account, GrantRecord) {
        let instance = try Fixtures.instance(at: clock.now)
        try await test.store.insertClientInstance(instance)
        let account = Fixtures.account("alice", at: clock.now)
        try await test.store.insertAccount(account)
        let key = SigningKey.generateEd25519(keyID: "k")
        try await test.insertDevice(
            ApproverDevice(
                id: "d1", accountID: account.id, name: "laptop", jwk: try key.publicJWK(),
                thumbprint: try key.publicJWK().thumbprint(), enrolledAt: clock.now))
        var grant = Fixtures.grant(instance: instance, clock: clock, userCodeHash: nil)
        grant.lifecycle.inbox = InboxDelivery(accountID: account.id)
        return (instance, account, grant)
    }

    private func admit(
        _ store: any ASStore, _ key: InboxRequestKey, creating grant: GrantRecord, at now: WallInstant
    ) async throws -> (InboxStanding, InboxAdmission) {
        let seen = Mutex<InboxStanding?>(nil)
        let admission = try await store.admitInboxRequest(key, at: now, window: .seconds(3600), streakLimit: 3) {
            standing in
            seen.withLock { $0 = standing }
            if let identical = standing.identicalPendingGrantID { return .merge(grantID: identical) }
            return .create(
                grant, audit: [AuditEvent(grantID: grant.id, at: now, kind: "grant.created", detail: "inbox")])
        }
        return (try #require(seen.withLock { $0 }), admission)
    }

    /// Page after page from a cursor (the last request of the previous page): every waiting request once, in the
    /// order of the whole listing, ties of the same millisecond included.
    @Test(arguments: TestBackend.allCases)
    func theInboxIsListedPageByPageAfterACursor(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let (instance, account, _) = try await setUp(test)
            var inserted: Set<String> = []
            for index in 0..<7 {
                if index % 3 == 0 { clock.advance(by: .seconds(1)) }
                var grant = Fixtures.grant(instance: instance, clock: clock, userCodeHash: nil)
                grant.lifecycle.inbox = InboxDelivery(accountID: account.id)
                try await test.store.insertGrant(grant, audit: [])
                inserted.insert(grant.id)
            }
            let whole = try await test.store.inboxGrants(accountID: account.id, at: clock.now, limit: 100)
            #expect(Set(whole.map(\.id)) == inserted && whole.count == 7)
            #expect(zip(whole, whole.dropFirst()).allSatisfy { $0.lifecycle.createdAt <= $1.lifecycle.createdAt })
            var pages: [[String]] = []
            var cursor: GrantCursor?
            while pages.count < 10 {
                let page = try await test.store.inboxGrants(
                    accountID: account.id, at: clock.now, after: cursor, limit: 2)
                pages.append(page.map(\.id))
                guard let last = page.last else { break }
                cursor = GrantCursor(createdAt: last.lifecycle.createdAt.unixMilliseconds, id: last.id)
            }
            #expect(pages.map(\.count) == [2, 2, 2, 1, 0])
            #expect(pages.flatMap { $0 } == whole.map(\.id))
        }
    }

    @Test(arguments: TestBackend.allCases)
    func anIdenticalRequestIsMergedAndCounted(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let (instance, account, grant) = try await setUp(test)
            let key = InboxRequestKey(
                instanceID: instance.id, accountID: account.id, fingerprint: InboxLimits.fingerprint(of: grant.request))
            let (first, created) = try await admit(test.store, key, creating: grant, at: clock.now)
            #expect(first == InboxStanding(pending: 0, requestsInWindow: 0, denialStreak: 0))
            guard case .create = created else { throw StoreError.conflict("expected a new grant") }
            clock.advance(by: .seconds(10))
            var again = Fixtures.grant(instance: instance, clock: clock, userCodeHash: nil)
            again.lifecycle.inbox = InboxDelivery(accountID: account.id)
            let (second, merged) = try await admit(test.store, key, creating: again, at: clock.now)
            #expect(
                second
                    == InboxStanding(
                        pending: 1, requestsInWindow: 1, denialStreak: 0, identicalPendingGrantID: grant.id))
            guard case .merge(let grantID) = merged, grantID == grant.id else {
                throw StoreError.conflict("expected a merge into the first grant")
            }
            #expect(try await test.store.grant(id: again.id) == nil)
            #expect(
                try await test.store.inboxGrants(accountID: account.id, at: clock.now, limit: 10).map(\.id) == [
                    grant.id
                ])
            var viaInbox = GrantQuery()
            viaInbox.via = .inbox
            #expect(try await test.store.grants(viaInbox).grants.map(\.id) == [grant.id])
            var viaInteraction = GrantQuery()
            viaInteraction.via = .interaction
            #expect(try await test.store.grants(viaInteraction).grants.isEmpty)
            // Past the window, the log no longer counts the two requests; past the interaction, nothing is pending.
            clock.advance(by: .seconds(3700))
            let (later, _) = try await admit(test.store, key, creating: again, at: clock.now)
            #expect(later == InboxStanding(pending: 0, requestsInWindow: 0, denialStreak: 0))
        }
    }

    @Test(arguments: TestBackend.allCases)
    func deliveriesAreRecordedOncePerTerminalWithTheInboxLog(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let (instance, account, grant) = try await setUp(test)
            let key = InboxRequestKey(instanceID: instance.id, accountID: account.id, fingerprint: "f")
            _ = try await admit(test.store, key, creating: grant, at: clock.now)
            let now = clock.now
            let audit: @Sendable (String) -> AuditEvent = { id in
                AuditEvent(grantID: id, at: now, kind: "inbox.delivered", detail: "to d1")
            }
            #expect(
                try await test.store.recordInboxDeliveries(grantIDs: [grant.id], deviceID: "d1", at: now, audit: audit)
                    == 1)
            #expect(
                try await test.store.recordInboxDeliveries(grantIDs: [grant.id], deviceID: "d1", at: now, audit: audit)
                    == 0)
            #expect(
                try await test.store.inboxDeliveries(grantIDs: [grant.id, "other"])
                    == [grant.id: [InboxDeliveryReceipt(grantID: grant.id, deviceID: "d1", deliveredAt: now)]])
            try await test.store.liftInboxBlock(
                instanceID: instance.id, accountID: account.id, at: now,
                audit: [
                    AuditEvent(grantID: nil, at: now, kind: "inbox.block_lifted", detail: "", accountID: account.id)
                ])
            let log = try await test.store.inboxEntries(accountID: account.id, after: 0, limit: 10).map(\.event.kind)
            #expect(log == ["grant.created", "inbox.delivered", "inbox.block_lifted"])
            #expect(try await test.store.inboxBlocks(accountID: account.id, streakLimit: 3).isEmpty)
        }
    }
}
