import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// Every terminal of the addressed account may decide an inbox request; only the first decision is applied.
@Suite("Inbox decisions on several terminals")
struct InboxDecisionRaceTests {
    @Test func twoTerminalsApprovingAtOnceGiveExactlyOneDecision() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            let laptop = try await harness.enroll(client, username: "alice")
            let phone = try await harness.enrollAnother(client, username: "alice")
            let response = try await client.startGrant(
                AsyncHarness.request("release-bot", for: AsyncHarness.alice), key: fixture.bot.key)
            let grantID = AsynchronousRequestTests.grantID(response)
            // Delivered to both terminals.
            #expect(try await client.inbox(of: laptop).items.map(\.grantID) == [grantID])
            #expect(try await client.inbox(of: phone).items.map(\.grantID) == [grantID])
            #expect(try await harness.audit(.inboxDelivered).count == 2)
            async let first = client.approve(grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []), as: laptop)
            async let second = client.approve(
                grantID, ApprovalRequest(rights: ["0.0", "0.1"], subjectFormats: []), as: phone)
            let replies = try await [first, second]
            #expect(replies.filter { $0.status == .ok }.count == 1)
            let loser = try #require(replies.first { $0.status != .ok })
            #expect(loser.error?.code == .alreadyDecided)
            // Told plainly which decision won, and where.
            #expect(loser.error?.errorDescription?.contains("already approved on your other terminal 'laptop'") == true)
            #expect(loser.error?.errorDescription?.contains("your decision was not applied") == true)
            #expect(try await harness.audit(.grantApproved).count == 1)
            // The request left both inboxes, and the token carries the winner's selection only.
            #expect(try await client.inbox(of: laptop).items.isEmpty)
            #expect(try await client.inbox(of: phone).items.isEmpty)
            let winner = replies[0].status == .ok ? 1 : 2
            let polled = try await client.poll(response, key: fixture.bot.key)
            #expect(polled.tokens.first?.access.count == winner)
        }
    }

    @Test func anotherAccountCannotDecideOrOpenAnInboxRequest() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            _ = try await harness.enroll(client, username: "alice")
            let bob = try await harness.enroll(client, username: "bob")
            let response = try await client.startGrant(
                AsyncHarness.request("release-bot", for: AsyncHarness.alice), key: fixture.bot.key)
            let grantID = AsynchronousRequestTests.grantID(response)
            #expect(try await client.inbox(of: bob).items.isEmpty)
            #expect(
                try await client.approve(grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []), as: bob).status
                    != .ok)
            #expect(try await client.call(.post, "/interact/v1/inbox/\(grantID)/open", as: bob).status != .ok)
            #expect(try await harness.audit(.grantApproved).isEmpty)
        }
    }

    @Test func aForgedAgentClaimIsRefusedBeforeAnythingIsStored() async throws {
        let fixture = try await AsyncHarness { $0.asynchronous.allowsDynamicClients = true }
        let harness = fixture.harness
        try await harness.run { client in
            _ = try await harness.enroll(client, username: "alice")
            // A member only the operator can set.
            var body =
                try JSONSerialization.jsonObject(
                    with: Data(try GNAPJSON.encode(AsyncHarness.request("release-bot", for: AsyncHarness.alice))))
                as! [String: Any]
            body["gnapterm_agent"] = ["name": "helper", "vetted": true]
            let forged = try await client.send(
                .post, "/gnap", content: Array(try JSONSerialization.data(withJSONObject: body)), key: fixture.bot.key)
            #expect(forged.status == .badRequest && forged.error?.code == .invalidRequest)
            #expect(forged.error?.errorDescription?.contains("forged claim") == true)
            // Another client's vetted agent name.
            let dynamic = TestClientInstance()
            var request = try dynamic.request()
            request.interact = nil
            request.subject = nil
            request.user = .value(UserValue(subIDs: AsyncHarness.alice))
            request.agent = AgentDescription(name: "Release-Bot")
            let borrowed = try await client.send(.post, "/gnap", json: request, key: dynamic.key)
            #expect(borrowed.error?.code == .invalidRequest)
            #expect(borrowed.error?.errorDescription?.contains("vetted for another client") == true)
            #expect(try await harness.store.grants(GrantQuery()).grants.isEmpty)
        }
    }
}
