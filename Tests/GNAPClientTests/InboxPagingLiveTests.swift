import Foundation
import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// An inbox larger than one response: the AS lists it a page at a time (each within the approver's 1 MiB response
/// limit), and the approver's client reads every page through the real HTTP transport.
@Suite("Inbox paging, live")
struct InboxPagingLiveTests {
    /// `count` asynchronous requests of one client waiting for `account`, created at the same instant (the grant id
    /// orders them), each with a long self-asserted task so that all of them together are more than 1 MiB.
    static func seed(_ count: Int, for account: Account, in server: LiveServer) async throws -> [String] {
        let key = try SigningKey.generateEd25519(keyID: "agent").publicJWK()
        let instance = ClientInstanceRecord(
            id: Secrets.identifier(), key: try ClientKeyBinding(ClientKeyValue(proof: .httpsig, jwk: key)),
            display: ClientDisplay(name: "Album copier"), createdAt: server.clock.now)
        try await server.store.insertClientInstance(instance)
        var ids: [String] = []
        for index in 0..<count {
            let tokens = [
                AccessTokenRequest(access: [
                    .object(AccessRightObject(type: "photo-api", actions: ["read"], locations: ["album-\(index)"]))
                ])
            ]
            var lifecycle = GrantLifecycle.start(
                clock: server.clock, interactionLifetime: .seconds(600), waitSeconds: 5
            ).state
            lifecycle.inbox = InboxDelivery(accountID: account.id)
            var grant = GrantRecord(
                id: Secrets.identifier(), instanceID: instance.id, clientKey: instance.key,
                clientDisplay: instance.display, request: GrantRequest(accessToken: .single(tokens[0])),
                tokens: tokens, subjectFormats: [], startModes: [], requestedFrom: "127.0.0.1", lifecycle: lifecycle,
                continuationTokenHash: Secrets.hash(Secrets.token()), userCodeHash: nil)
            let task = "copy album \(index) to the archive; " + String(repeating: "then check every photo. ", count: 20)
            grant.agent = AgentIdentity(vetted: nil, asserted: AgentDescription(name: "copier-\(index)", task: task))
            try await server.store.insertGrant(grant, audit: [])
            ids.append(grant.id)
        }
        return ids
    }

    @Test func anInboxOfMoreThanOneMebibyteIsReadPageByPage() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let admin = try #require(try await server.store.account(username: "admin"))
        let seeded = try await Self.seed(2100, for: admin, in: server)
        let first = try await approver.inboxPage()
        #expect(first.truncated && first.nextCursor != nil)
        #expect(!first.items.isEmpty && first.items.count <= 1000)
        #expect(try GNAPJSON.encode(first).count <= 800 * 1024)
        // Oldest first; all were created at once, so the id decides.
        #expect(first.items.map(\.grantID) == Array(seeded.sorted().prefix(first.items.count)))

        // The position the stream continues from is the first page's (nothing new was delivered by it: the first
        // page went to this terminal already); the later pages record their deliveries after it.
        let before = try await server.store.latestAuditEntryID()
        let inbox = try await approver.inbox()
        #expect(inbox.items.count == 2100 && !inbox.truncated && inbox.nextCursor == nil)
        #expect(inbox.items.map(\.grantID) == seeded.sorted())
        #expect(inbox.latestEventID == before)
        #expect(try await server.store.latestAuditEntryID() > before)
        // One answer listing everything would weigh more than the approver's transport accepts (1 MiB).
        #expect(try GNAPJSON.encode(inbox).count > 1_048_576)

        // A terminal that stops listing early says that more wait.
        let capped = try await approver.inbox(maximumItems: 1)
        #expect(capped.items.count == first.items.count && capped.truncated && capped.nextCursor != nil)

        // A cursor the AS did not give is refused in so many words.
        do {
            _ = try await approver.inboxPage(cursor: "not-a-cursor")
            Issue.record("a made-up cursor was accepted")
        } catch {
            #expect(error.gnapError?.code == .invalidRequest)
            #expect(error.gnapError?.errorDescription?.contains("next_cursor") == true)
        }
    }
}
