import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Bearer tokens (RFC 9635 §2.1.1 `bearer` flag): issued only when asked for and allowed by the AS.
@Suite("Bearer tokens")
struct BearerTokenTests {
    @Test func refusedUnlessTheASAllowsThem() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let instance = TestClientInstance()
            let reply = try await client.send(
                .post, "/gnap", json: try instance.request(flags: ["bearer"]), key: instance.key)
            #expect(reply.status == .badRequest && reply.error?.code == .invalidFlag)
        }
    }

    @Test func issuedWithoutAKeyAndManagedByTheClientInstance() async throws {
        let harness = try await ASHarness { $0.requestPolicy.allowsBearerTokens = true }
        try await harness.run { client in
            let instance = TestClientInstance()
            var grant = try await TestGrant.start(
                client, instance: instance, request: try instance.request(flags: ["bearer"]))
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            try await approver.approve(client, code: grant.userCode, rights: ["0.0"])
            harness.clock.advance(by: .seconds(5))
            let token = try #require(try await grant.poll(client).tokens.first)
            // §3.2.1: the `bearer` flag and no `key`.
            #expect(token.flags == ["bearer", "durable"] && token.key == nil)
            let stored = try #require(try await harness.store.accessToken(hash: Secrets.hash(token.value)))
            #expect(stored.boundKey == nil && stored.isBearer)
            // §6.2 "or the client instance, in the case of a bearer token": the instance's key manages it.
            let manage = try #require(token.manage)
            let path = String(manage.uri.dropFirst(ASHarness.base.count))
            let thief = TestClientInstance()
            let stolen = try await client.send(.post, path, key: thief.key, token: manage.accessToken.value)
            #expect(stolen.status == .unauthorized && stolen.error?.code == .invalidClient)
            let rotated = try await client.send(.post, path, key: instance.key, token: manage.accessToken.value)
            #expect(rotated.status == .ok)
            let next = try #require(rotated.tokens.first)
            #expect(next.flags == ["bearer", "durable"] && next.key == nil)
            let revoked = try await client.send(
                .delete, String(try #require(next.manage).uri.dropFirst(ASHarness.base.count)), key: instance.key,
                token: try #require(next.manage).accessToken.value)
            #expect(revoked.status == .noContent)
        }
    }
}
