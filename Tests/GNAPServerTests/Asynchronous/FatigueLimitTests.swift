import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// RFC 9635 §13: the limits on asynchronous requests per client and user, each reached with the harness's manual
/// clock and each audited.
@Suite("Asynchronous request limits")
struct FatigueLimitTests {
    static func ask(
        _ client: ASHarness.Client, _ fixture: AsyncHarness, _ access: String, interact: InteractRequest? = nil
    ) async throws -> ASHarness.Client.Reply {
        try await client.send(
            .post, "/gnap",
            json: AsyncHarness.request(
                "release-bot", for: AsyncHarness.alice, access: [.reference(access)], interact: interact),
            key: fixture.bot.key)
    }

    @Test func identicalRequestsAreMergedNotShownTwice() async throws {
        let fixture = try await AsyncHarness { $0.asynchronous.limits = InboxLimits(maximumPending: 1) }
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            let first = try #require(try await Self.ask(client, fixture, "a").response)
            let again = try #require(try await Self.ask(client, fixture, "a").response)
            // The same grant, continued with a new token; the old one no longer works.
            #expect(again.continue?.uri == first.continue?.uri)
            #expect(again.continue?.accessToken.value != first.continue?.accessToken.value)
            let inbox = try await client.inbox(of: alice)
            #expect(inbox.items.count == 1 && inbox.items[0].repeats == 1)
            #expect(try await harness.audit(.inboxMerged).count == 1)
            #expect(try await client.poll(first, key: fixture.bot.key).status != .ok)
            #expect(try await client.poll(again, key: fixture.bot.key).status == .ok)
        }
    }

    @Test func pendingRequestsAreCappedPerClientAndUser() async throws {
        let fixture = try await AsyncHarness { $0.asynchronous.limits = InboxLimits(maximumPending: 2) }
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            #expect(try await Self.ask(client, fixture, "a").status == .ok)
            #expect(try await Self.ask(client, fixture, "b").status == .ok)
            let third = try await Self.ask(client, fixture, "c")
            #expect(third.error?.code == .tooManyAttempts)
            #expect(third.error?.errorDescription?.contains("already waiting") == true)
            let refused = try #require(try await harness.audit(.inboxRefused).first)
            #expect(refused.detail.contains("--max-pending-async 2"))
            // With `interact` too, a refusal by the limits leaves the request reachable by its interaction only.
            let both = try await Self.ask(client, fixture, "c", interact: InteractRequest(start: ["user_code"]))
            #expect(both.status == .ok && both.response?.interact?.userCode != nil)
            #expect(try await harness.audit(.inboxRefused).last?.detail.contains("still reachable") == true)
            // A decision makes room.
            let waiting = try await client.inbox(of: alice).items
            #expect(waiting.count == 2)
            #expect(try await client.deny(waiting[0].grantID, as: alice).status == .ok)
            #expect(try await Self.ask(client, fixture, "c").status == .ok)
        }
    }

    @Test func requestsPerHourAreCappedAndTheWindowMovesWithTheClock() async throws {
        let fixture = try await AsyncHarness {
            $0.asynchronous.limits = InboxLimits(maximumPending: 10, maximumPerWindow: 3)
        }
        let harness = fixture.harness
        try await harness.run { client in
            _ = try await harness.enroll(client, username: "alice")
            for access in ["a", "b"] { #expect(try await Self.ask(client, fixture, access).status == .ok) }
            // A merged repeat counts too.
            #expect(try await Self.ask(client, fixture, "a").status == .ok)
            let over = try await Self.ask(client, fixture, "d")
            #expect(over.error?.code == .tooManyAttempts)
            #expect(over.error?.errorDescription?.contains("in the last 60 minutes") == true)
            #expect(try await harness.audit(.inboxRefused).last?.detail.contains("--max-async-per-hour 3") == true)
            harness.clock.advance(by: .seconds(3601))
            #expect(try await Self.ask(client, fixture, "d").status == .ok)
        }
    }

    @Test func denialsInARowBlockTheClientUntilTheUserLiftsIt() async throws {
        let fixture = try await AsyncHarness {
            $0.asynchronous.limits = InboxLimits(maximumPending: 10, denialsBeforeBlock: 2)
        }
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            for access in ["a", "b"] {
                let grantID = AsynchronousRequestTests.grantID(try await Self.ask(client, fixture, access).response)
                #expect(try await client.deny(grantID, as: alice).status == .ok)
            }
            let blocked = try await Self.ask(client, fixture, "c")
            #expect(blocked.error?.code == .requestDenied)
            #expect(blocked.error?.errorDescription?.contains("lifts the block") == true)
            #expect(
                try await harness.audit(.inboxRefused).last?.detail.contains("--async-denials-before-block") == true)
            #expect(try await client.inbox(of: alice).blocks.map(\.instanceID) == ["release-bot"])
            // Someone else cannot lift it; an unknown client is not found.
            let bob = try await harness.enroll(client, username: "bob")
            let notBobs = try await client.call(.post, "/interact/v1/inbox/blocks/release-bot/lift", as: bob)
            #expect(notBobs.error?.code == .notFound)
            let lifted = try await client.call(.post, "/interact/v1/inbox/blocks/release-bot/lift", as: alice)
            #expect(lifted.status == .ok)
            #expect(try lifted.decode(InboxBlockList.self).blocks.isEmpty)
            #expect(try await harness.audit(.inboxUnblocked).count == 1)
            #expect(try await Self.ask(client, fixture, "c").status == .ok)
        }
    }

    @Test func theLimitsInForceAreAuditedWhenTheASStarts() {
        let policy = AsynchronousPolicy(
            allowsDynamicClients: false,
            limits: InboxLimits(maximumPending: 4, maximumPerWindow: 9, denialsBeforeBlock: 2))
        #expect(
            policy.auditDetail
                == "asynchronous requests: dynamic clients not allowed; per client and user at most 4 pending and 9 "
                + "per 60 minutes; blocked after 2 denials in a row")
    }
}
