import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// `GET /interact/v1/inbox` a page at a time: at most ``InboxPageLimits/items`` requests and about
/// ``InboxPageLimits/bytes`` of them per page, oldest first, `next_cursor` to the next page.
@Suite("Inbox snapshot pages")
struct InboxPagingTests {
    static func harness(page: InboxPageLimits) async throws -> AsyncHarness {
        try await AsyncHarness {
            $0.asynchronous.page = page
            $0.asynchronous.limits = InboxLimits(maximumPending: 50, maximumPerWindow: 100)
        }
    }

    /// `count` distinct asynchronous requests of release-bot for alice, a second apart but pairs at the same
    /// instant; their grant ids in the order the inbox lists them (oldest first, then by id).
    static func ask(_ count: Int, _ client: ASHarness.Client, _ fixture: AsyncHarness) async throws -> [String] {
        var created: [(at: WallInstant, id: String)] = []
        for index in 0..<count {
            if index % 2 == 0 { fixture.harness.clock.advance(by: .seconds(1)) }
            let access: [AccessRight] = [
                .object(AccessRightObject(type: "photo-api", actions: ["read"], locations: ["album-\(index)"]))
            ]
            let reply = try await client.send(
                .post, "/gnap", json: AsyncHarness.request("release-bot", for: AsyncHarness.alice, access: access),
                key: fixture.bot.key)
            #expect(reply.status == .ok, "\(String(describing: reply.error))")
            created.append((fixture.harness.clock.now, AsynchronousRequestTests.grantID(reply.response)))
        }
        return created.sorted { $0.at != $1.at ? $0.at < $1.at : $0.id < $1.id }.map(\.id)
    }

    static func page(_ client: ASHarness.Client, _ approver: TestApprover, cursor: String? = nil) async throws
        -> (reply: ASHarness.Client.Reply, snapshot: InboxSnapshot?)
    {
        let path = "/interact/v1/inbox" + (cursor.map { "?cursor=" + $0 } ?? "")
        let reply = try await client.call(.get, path, as: approver)
        return (reply, try? reply.decode(InboxSnapshot.self))
    }

    @Test func pagesOfThreeListEveryRequestOnceOldestFirst() async throws {
        let fixture = try await Self.harness(page: InboxPageLimits(items: 3))
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            let expected = try await Self.ask(7, client, fixture)
            var listed: [[String]] = []
            var cursor: String?
            repeat {
                let (reply, snapshot) = try await Self.page(client, alice, cursor: cursor)
                #expect(reply.status == .ok && reply.headers[.cacheControl] == "no-store")
                let page = try #require(snapshot)
                listed.append(page.items.map(\.grantID))
                #expect(page.truncated == (page.nextCursor != nil))
                #expect(String(decoding: reply.body, as: UTF8.self).contains(#""next_cursor""#) == page.truncated)
                cursor = page.nextCursor
            } while cursor != nil && listed.count < 10
            #expect(listed.map(\.count) == [3, 3, 1])
            #expect(listed.flatMap { $0 } == expected)
            // Every listed request was delivered to this terminal, once.
            #expect(try await harness.audit(.inboxDelivered).count == 7)
        }
    }

    @Test func aRequestDecidedBetweenPagesIsNotListedAgain() async throws {
        let fixture = try await Self.harness(page: InboxPageLimits(items: 2))
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            let expected = try await Self.ask(4, client, fixture)
            let first = try #require(try await Self.page(client, alice).snapshot)
            #expect(first.items.map(\.grantID) == Array(expected.prefix(2)))
            #expect(try await client.deny(expected[2], as: alice).status == .ok)
            let second = try #require(try await Self.page(client, alice, cursor: first.nextCursor).snapshot)
            #expect(second.items.map(\.grantID) == [expected[3]] && !second.truncated && second.nextCursor == nil)
        }
    }

    @Test func aPageEndsAtItsByteBudgetButListsAtLeastOne() async throws {
        let fixture = try await Self.harness(page: InboxPageLimits(items: 1000, bytes: 1))
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            let expected = try await Self.ask(3, client, fixture)
            let first = try #require(try await Self.page(client, alice).snapshot)
            #expect(first.items.map(\.grantID) == [expected[0]] && first.truncated)
            let second = try #require(try await Self.page(client, alice, cursor: first.nextCursor).snapshot)
            #expect(second.items.map(\.grantID) == [expected[1]] && second.truncated)
        }
    }

    @Test func aCursorTheASDidNotGiveIsInvalidRequest() async throws {
        let fixture = try await Self.harness(page: InboxPageLimits())
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            _ = try await Self.ask(1, client, fixture)
            let before = try await harness.rowCountsBesideNonces()
            for cursor in ["!!", "bm90LWEtY3Vyc29y"] {
                let (reply, _) = try await Self.page(client, alice, cursor: cursor)
                #expect(reply.status == .badRequest && reply.error?.code == .invalidRequest)
                #expect(reply.error?.errorDescription?.contains("next_cursor") == true)
            }
            // Refused before anything was read or recorded.
            #expect(try await harness.rowCountsBesideNonces() == before)
            // A well-formed position after everything: an empty last page.
            let beyond = GrantCursor(createdAt: harness.clock.now.unixMilliseconds + 1, id: "z").text
            let (reply, snapshot) = try await Self.page(client, alice, cursor: beyond)
            #expect(reply.status == .ok && snapshot?.items.isEmpty == true && snapshot?.truncated == false)
        }
    }
}
