import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// A modification that needs a new interaction (RFC 9635 §5.3) on a grant with the `redirect` start mode and a
/// finish method (§4.1.1, §4.2): the new interaction has its own link, finish nonce and interaction reference.
@Suite("Grant modification with interaction links and finish")
struct ModificationInteractionTests {
    static let wider =
        #"{"access_token": {"access": ["dolphin-metadata", {"type": "photo-api", "actions": ["read", "write"]}]}}"#

    @Test func aNewInteractionHasItsOwnLinkFinishAndReference() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let finished = try await InteractionFinishTests.finished(
                harness, client, method: "redirect", uri: "https://client.example.net/return")
            let first = try FinishRedirect.callback(fromQuery: try #require(finished.decision.finish?.uri))
            harness.clock.advance(by: .seconds(5))
            let tokens = try await client.send(
                .post, finished.path, json: ["interact_ref": first.interactRef], key: finished.instance.key,
                token: finished.continuation.accessToken.value)
            let granted = try tokens.decode(GrantResponse.self)
            #expect(tokens.status == .ok && granted.accessToken != nil)
            var grant = TestGrant(
                instance: finished.instance, continuation: try #require(granted.continue), userCode: nil)
            // After the reference was presented, polling is the ordinary way on (nothing new).
            harness.clock.advance(by: .seconds(5))
            let poll = try await grant.poll(client)
            #expect(poll.status == .ok && poll.tokens.isEmpty)
            harness.clock.advance(by: .seconds(5))
            // More than was approved: a new interaction, with a new link and a new finish nonce.
            let reply = try await grant.modify(client, Self.wider)
            let interact = try #require(reply.response?.interact)
            let oldInteract = try #require(finished.response.interact)
            #expect(reply.status == .ok && interact.redirect != nil && interact.redirect != oldInteract.redirect)
            #expect(interact.finish != nil && interact.finish != oldInteract.finish)
            #expect(interact.userCode == nil)
            // The old link no longer opens anything.
            let alice = try await TestApprover.enroll(client, code: try await harness.enrollmentCode(username: "x"))
            let stale = try await InteractionURLTests.open(client, try #require(oldInteract.redirect), as: alice)
            #expect(stale.status != .ok)
            // Until the new reference arrives, polling is refused (§3.3.5), with a continuation.
            harness.clock.advance(by: .seconds(5))
            let early = try await grant.poll(client)
            #expect(early.status == .badRequest && early.error?.code == .invalidInteraction)
            // The admin who approved before approves the extension through the new link.
            let admin = try await TestApprover.enroll(client, code: try await harness.adminEnrollmentCode())
            let review = try await InteractionURLTests.open(client, try #require(interact.redirect), as: admin)
                .decode(InteractionReview.self)
            let decision = try await client.send(
                .post, "/interact/v1/grants/\(review.grantID)/approve",
                json: ApprovalRequest(rights: ["0.0", "0.1"], subjectFormats: ["opaque"]), key: admin.key,
                profile: .approverAPI
            ).decode(DecisionResponse.self)
            let second = try FinishRedirect.callback(fromQuery: try #require(decision.finish?.uri))
            #expect(second.interactRef != first.interactRef)
            harness.clock.advance(by: .seconds(5))
            let regranted = try await client.send(
                .post, grant.path, json: ["interact_ref": second.interactRef], key: grant.instance.key,
                token: grant.token)
            #expect(regranted.status == .ok && regranted.tokens.first?.access.count == 2)
        }
    }
}
