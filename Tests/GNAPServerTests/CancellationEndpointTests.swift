import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Grant cancellation (RFC 9635 §5.4, `DELETE` on the continuation URI) through the router.
@Suite("Grant cancellation endpoint (RFC 9635 §5.4)")
struct CancellationEndpointTests {
    @Test func cancellationRevokesEveryTokenAndEndsTheContinuation() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var grant = try await TestGrant.start(client)
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            try await approver.approve(client, code: grant.userCode, rights: ["0.0", "0.1"])
            harness.clock.advance(by: .seconds(5))
            let token = try #require(try await grant.poll(client).tokens.first)
            #expect(token.flags == ["durable"])
            // No `wait` applies to cancelling.
            let reply = try await grant.cancel(client)
            #expect(reply.status == .noContent && reply.body.isEmpty)
            #expect(reply.headers[.cacheControl] == "no-store")
            // §5.4: the tokens are revoked, durable ones too, and can no longer be managed.
            let stored = try #require(try await harness.store.accessToken(hash: Secrets.hash(token.value)))
            #expect(stored.revokedAt == harness.clock.now)
            let manage = try #require(token.manage)
            let rotation = try await client.send(
                .post, String(manage.uri.dropFirst(ASHarness.base.count)), key: grant.instance.key,
                token: manage.accessToken.value)
            #expect(rotation.status == .unauthorized && rotation.error?.code == .invalidRotation)
            // The continuation is over, whatever the method.
            harness.clock.advance(by: .seconds(5))
            let poll = try await grant.poll(client)
            #expect(poll.status == .unauthorized && poll.error?.code == .invalidContinuation)
            let modify = try await grant.modify(client, ModificationEndpointTests.dolphins)
            #expect(modify.error?.code == .invalidContinuation)
            let again = try await grant.cancel(client)
            #expect(again.status == .unauthorized && again.error?.code == .invalidContinuation)
            let record = try #require(try await harness.store.grant(id: grant.grantID))
            #expect(record.lifecycle.status == .finalized && record.lifecycle.outcome == .cancelled)
            let kinds = try await harness.store.auditEvents(grantID: grant.grantID).map(\.kind)
            #expect(kinds.suffix(2) == ["grant.cancelled", "token.revoked"])
        }
    }

    @Test func aPendingGrantCanBeCancelledAndItsCodeStopsWorking() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let grant = try await TestGrant.start(client)
            let reply = try await grant.cancel(client)
            #expect(reply.status == .noContent)
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let entered = try await client.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: try #require(grant.userCode)),
                key: approver.key, profile: .approverAPI)
            // Not "expired": the approver learns that the device gave up, for the code and the link alike.
            #expect(entered.status == .gone && entered.error?.code == .requestWithdrawn)
            #expect(entered.error?.errorDescription == "the device withdrew this request")
            let instance = TestClientInstance()
            let linked = try await InteractionURLTests.start(client, modes: ["redirect"], instance: instance)
            let continuation = try #require(linked.continue)
            let cancelled = try await client.send(
                .delete, String(continuation.uri.dropFirst(ASHarness.base.count)), key: instance.key,
                token: continuation.accessToken.value)
            #expect(cancelled.status == .noContent)
            let opened = try await InteractionURLTests.open(
                client, try #require(linked.interact?.redirect), as: approver)
            #expect(opened.status == .gone && opened.error?.code == .requestWithdrawn)
        }
    }

    @Test func cancellationNeedsTheTokenAndTheKey() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let grant = try await TestGrant.start(client)
            let noToken = try await client.send(.delete, grant.path, key: grant.instance.key)
            #expect(noToken.status == .unauthorized && noToken.error?.code == .invalidContinuation)
            let wrongToken = try await client.send(.delete, grant.path, key: grant.instance.key, token: Secrets.token())
            #expect(wrongToken.status == .unauthorized && wrongToken.error?.code == .invalidContinuation)
            let thief = TestClientInstance()
            let otherKey = try await client.send(.delete, grant.path, key: thief.key, token: grant.token)
            #expect(otherKey.status == .unauthorized && otherKey.error?.code == .invalidClient)
            let unsigned = try await client.send(.delete, grant.path, token: grant.token)
            #expect(unsigned.error?.code == .invalidClient)
            #expect(try await harness.store.grant(id: grant.grantID)?.lifecycle.status == .pending)
            #expect(try await grant.cancel(client).status == .noContent)
        }
    }

    @Test func aFinishedGrantIsNotCancelled() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var grant = try await TestGrant.start(client)
            harness.clock.advance(by: .seconds(600))
            // The interaction expired: the grant is finalized, and the client was told without `continue`.
            let expired = try await grant.poll(client)
            #expect(expired.error?.code == .invalidInteraction)
            let reply = try await grant.cancel(client)
            #expect(reply.status == .unauthorized && reply.error?.code == .invalidContinuation)
            #expect(try await harness.store.grant(id: grant.grantID)?.lifecycle.outcome == .expired)
        }
    }
}
