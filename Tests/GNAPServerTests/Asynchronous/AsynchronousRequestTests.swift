import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// RFC 9635 §1.6.3, §2.4, §2.5: requests without `interact` that name a user reach that user's inbox.
@Suite("Asynchronous requests")
struct AsynchronousRequestTests {
    static func grantID(_ response: GrantResponse?) -> String {
        String(response?.continue?.uri.split(separator: "/").last ?? "")
    }

    @Test func aNamedUserApprovesASubsetFromTheInboxAndTheClientGetsExactlyThat() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            let reply = try await client.send(
                .post, "/gnap",
                json: AsyncHarness.request(
                    "release-bot", for: AsyncHarness.alice,
                    agent: AgentDescription(name: "release-bot", model: "renovate 37", task: "bump dependencies")),
                key: fixture.bot.key)
            #expect(reply.status == .ok, "\(String(describing: reply.error))")
            let response = try #require(reply.response)
            // §3.1: the client gets `continue` with `wait` and nothing to show anyone.
            #expect(response.interact == nil && response.accessToken == nil)
            #expect(response.continue?.wait != nil)
            let grantID = Self.grantID(response)
            let inbox = try await client.inbox(of: alice)
            let item = try #require(inbox.items.first)
            #expect(inbox.items.count == 1 && item.grantID == grantID && !item.interactive)
            #expect(item.client.instanceID == "release-bot" && item.client.vetted)
            // The agent: the operator's vetting apart from what the request says of itself.
            #expect(item.agent?.vetted == VettedAgent(name: "release-bot", operator: "Example Ops"))
            #expect(item.agent?.asserted?.task == "bump dependencies")
            #expect(item.rights.count == 2)
            let review = try await client.call(.post, "/interact/v1/inbox/\(grantID)/open", as: alice)
            #expect(review.status == .ok)
            #expect(try review.decode(InteractionReview.self).agent?.vetted?.operator == "Example Ops")
            #expect(try await harness.audit(.inboxSeen).map(\.grantID) == [grantID])
            // Still waiting: the client keeps polling.
            let early = try await client.poll(response, key: fixture.bot.key)
            #expect(early.status == .ok && early.tokens.isEmpty && early.response?.continue != nil)
            let approved = try await client.approve(
                grantID, ApprovalRequest(rights: ["0.1"], subjectFormats: []), as: alice)
            #expect(approved.status == .ok)
            let done = try await client.poll(try #require(early.response), key: fixture.bot.key)
            let token = try #require(done.tokens.first)
            #expect(done.tokens.count == 1)
            #expect(token.access == [.object(AccessRightObject(type: "photo-api", actions: ["read"]))])
            // The chain agent → client → user is in the log.
            let created = try #require(try await harness.audit(.grantCreated).last)
            #expect(created.detail.contains("agent 'release-bot' (vetted, operator 'Example Ops')"))
            #expect(created.detail.contains("release-bot") && created.detail.contains("alice"))
            #expect(try await client.inbox(of: alice).items.isEmpty)
        }
    }

    @Test func theUserIsNamedOnceAndKnown() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            _ = try await harness.enroll(client, username: "alice")
            let bob = try #require(try await harness.store.account(username: "admin"))
            func refusal(_ user: [SubjectIdentifier]?) async throws -> GNAPError? {
                try await client.send(
                    .post, "/gnap", json: AsyncHarness.request("release-bot", for: user), key: fixture.bot.key
                ).error
            }
            let unknown = try await refusal([.email("nobody@example.com")])
            #expect(unknown?.code == .unknownUser)
            // An opaque id of one account and the e-mail of another: which one person to ask is not known.
            let ambiguous = try await refusal([.opaque(bob.opaqueSubject), .email("alice@example.com")])
            #expect(ambiguous?.code == .unknownUser)
            #expect(ambiguous?.errorDescription?.contains("2 different accounts") == true)
            // An iss_sub of another issuer is not something this AS can check.
            let foreign = try await refusal([
                .issuerSubject(issuer: "https://elsewhere.example", subject: bob.opaqueSubject)
            ])
            #expect(foreign?.code == .unknownUser)
            let nobody = try await refusal(nil)
            #expect(nobody?.code == .invalidInteraction)
            #expect(nobody?.errorDescription?.contains("name the user") == true)
            // By opaque id and by this AS's iss_sub: accepted.
            let alice = try #require(try await harness.store.account(username: "alice"))
            #expect(try await refusal([.opaque(alice.opaqueSubject)]) == nil)
            #expect(
                try await refusal([.issuerSubject(issuer: ASHarness.base, subject: alice.opaqueSubject)]) == nil)
        }
    }

    @Test func aUserWithoutATerminalOrAClientNotAllowedIsRefusedAtRequestTime() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            let carol = Account(
                id: Secrets.identifier(), username: "carol", displayName: "Carol", role: .user,
                opaqueSubject: Secrets.identifier(), email: "carol@example.com", createdAt: harness.clock.now)
            try await harness.store.insertAccount(carol)
            let noTerminal = try await client.send(
                .post, "/gnap", json: AsyncHarness.request("release-bot", for: [.email("carol@example.com")]),
                key: fixture.bot.key)
            #expect(noTerminal.status == .badRequest && noTerminal.error?.code == .invalidInteraction)
            #expect(noTerminal.error?.errorDescription?.contains("no enrolled approver terminal") == true)
            _ = try await harness.enroll(client, username: "alice")
            // A registered client the operator did not allow to ask asynchronously.
            let notAllowed = try await client.send(
                .post, "/gnap", json: AsyncHarness.request("lobby-tv", for: AsyncHarness.alice), key: fixture.tv.key)
            #expect(notAllowed.error?.code == .invalidInteraction)
            #expect(notAllowed.error?.errorDescription?.contains("does not let this client") == true)
            // Dynamic clients are off by default.
            let dynamic = TestClientInstance()
            var request = try dynamic.request()
            request.interact = nil
            request.subject = nil
            request.user = .value(UserValue(subIDs: AsyncHarness.alice))
            let refused = try await client.send(.post, "/gnap", json: request, key: dynamic.key)
            #expect(refused.error?.code == .invalidInteraction)
            // Nothing was stored for any of them.
            #expect(try await harness.store.grants(GrantQuery()).grants.isEmpty)
        }
    }

    @Test func dynamicClientsMayAskWhenTheOperatorAllowsIt() async throws {
        let fixture = try await AsyncHarness { $0.asynchronous.allowsDynamicClients = true }
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            let dynamic = TestClientInstance()
            var request = try dynamic.request()
            request.interact = nil
            request.subject = nil
            request.user = .value(UserValue(subIDs: AsyncHarness.alice))
            let reply = try await client.send(.post, "/gnap", json: request, key: dynamic.key)
            #expect(reply.status == .ok && reply.response?.interact == nil)
            let item = try #require(try await client.inbox(of: alice).items.first)
            #expect(!item.client.vetted && item.agent == nil)
        }
    }

    @Test func aRequestWithInteractAndAUserIsReachableBothWaysAndTheFirstDecisionWins() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            let response = try await client.startGrant(
                AsyncHarness.request(
                    "release-bot", for: AsyncHarness.alice, interact: InteractRequest(start: ["user_code"])),
                key: fixture.bot.key)
            #expect(response.interact?.userCode != nil)
            let item = try #require(try await client.inbox(of: alice).items.first)
            #expect(item.interactive && item.grantID == Self.grantID(response))
            // Denied from the inbox first; the code then leads to a decided request, and approving changes nothing.
            #expect(try await client.deny(item.grantID, as: alice).status == .ok)
            let late = try await client.approve(
                item.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []), as: alice)
            #expect(late.error?.code == .alreadyDecided)
            let polled = try await client.poll(response, key: fixture.bot.key)
            #expect(polled.error?.code == .userDenied || polled.tokens.isEmpty)
            #expect(polled.tokens.isEmpty)
            #expect(try await harness.audit(.grantApproved).isEmpty)
        }
    }
}
