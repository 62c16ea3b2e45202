import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// A client whose call ended the grant with an error (a denial, an expiry) and lost that answer calls again with
/// the same continuation token: it is told the same once more, then the grant is finished (docs/decisions.md).
@Suite("Repeating the continuation call that ended the grant")
struct ContinuationFinalAnswerRepeatTests {
    func call(_ client: ASHarness.Client, _ grant: TestGrant) async throws -> ASHarness.Client.Reply {
        try await client.send(.post, grant.path, key: grant.instance.key, token: grant.token)
    }

    @Test func aLostDenialIsToldAgainOnceAndAudited() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let grant = try await TestGrant.start(client)
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let entered = try await client.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: try #require(grant.userCode)),
                key: approver.key, profile: .approverAPI)
            let review = try entered.decode(InteractionReview.self)
            let denied = try await client.send(
                .post, "/interact/v1/grants/\(review.grantID)/deny", json: DenialRequest(reason: "not me"),
                key: approver.key, profile: .approverAPI)
            #expect(denied.status == .ok)
            harness.clock.advance(by: .seconds(5))
            // This answer is lost on its way back; the client calls again at once with the token it has.
            let lost = try await call(client, grant)
            #expect(lost.status == .forbidden && lost.error?.code == .userDenied)
            let repeated = try await call(client, grant)
            #expect(repeated.status == lost.status && repeated.error == lost.error)
            // Once only: a third call is told the grant is finished.
            let third = try await call(client, grant)
            #expect(third.status == .unauthorized && third.error?.code == .invalidContinuation)
            let kinds = try await harness.store.auditEvents(grantID: grant.grantID).map(\.kind)
            #expect(kinds.filter { $0 == "grant.finalized" }.count == 1)
            #expect(kinds.filter { $0 == "continuation.repeated" }.count == 1)
            let stored = try #require(try await harness.store.grant(id: grant.grantID))
            #expect(stored.lifecycle.outcome == .denied && stored.lifecycle.finalAnswer?.repeatedAt != nil)
        }
    }

    @Test func aLostExpiryIsToldAgainOnce() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let grant = try await TestGrant.start(client)
            harness.clock.advance(by: .seconds(3600))
            let lost = try await call(client, grant)
            #expect(lost.error?.code == .invalidInteraction)
            let repeated = try await call(client, grant)
            #expect(repeated.status == lost.status && repeated.error == lost.error)
            let third = try await call(client, grant)
            #expect(third.status == .unauthorized && third.error?.code == .invalidContinuation)
        }
    }

    /// The repeat needs what every continuation call needs: a signature by the grant's key.
    @Test func theRepeatMustBeSignedByTheGrantsKey() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let grant = try await TestGrant.start(client)
            harness.clock.advance(by: .seconds(3600))
            #expect(try await call(client, grant).error?.code == .invalidInteraction)
            let stranger = SigningKey.generateEd25519()
            let forged = try await client.send(.post, grant.path, key: stranger, token: grant.token)
            #expect(forged.status == .unauthorized && forged.error?.code == .invalidClient)
            // The forged call used nothing up: the client's own repeat is still answered.
            #expect(try await call(client, grant).error?.code == .invalidInteraction)
        }
    }
}
