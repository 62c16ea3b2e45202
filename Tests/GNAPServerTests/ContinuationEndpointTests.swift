import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

@Suite("Continuation endpoint (RFC 9635 §5)")
struct ContinuationEndpointTests {
    func start(_ client: ASHarness.Client, _ instance: TestClientInstance) async throws -> ContinueResponse {
        let reply = try await client.send(.post, "/gnap", json: try instance.request(), key: instance.key)
        return try #require(try reply.decode(GrantResponse.self).continue)
    }

    @Test func malformedContinuationsAreRefused() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let continuation = try await start(client, instance)
            let path = String(continuation.uri.dropFirst(ASHarness.base.count))
            let token = continuation.accessToken.value
            harness.clock.advance(by: .seconds(5))
            let noToken = try await client.send(.post, path, key: instance.key)
            #expect(noToken.status == .unauthorized && noToken.error?.code == .invalidContinuation)
            let wrongGrant = try await client.send(.post, "/gnap/continue/unknown", key: instance.key, token: token)
            #expect(wrongGrant.status == .unauthorized && wrongGrant.error?.code == .invalidContinuation)
            let wrongToken = try await client.send(.post, path, key: instance.key, token: Secrets.token())
            #expect(wrongToken.error?.code == .invalidContinuation)
            let unsigned = try await client.send(.post, path, token: token)
            #expect(unsigned.error?.code == .invalidClient)
            let interactRef = try await client.send(
                .post, path, content: Array(#"{"interact_ref": "abc"}"#.utf8), key: instance.key, token: token)
            #expect(interactRef.status == .badRequest && interactRef.error?.code == .invalidInteraction)
            let modification = try await client.send(
                .post, path, content: Array(#"{"access_token": {"access": ["more"]}}"#.utf8), key: instance.key,
                token: token)
            #expect(modification.error?.code == .invalidRequest)
            let notObject = try await client.send(
                .post, path, content: Array("[1]".utf8), key: instance.key, token: token)
            #expect(notObject.error?.code == .invalidRequest)
            // None of the refused calls consumed the token: a proper poll still works.
            let poll = try await client.send(.post, path, key: instance.key, token: token)
            #expect(poll.status == .ok)
            #expect(try poll.decode(GrantResponse.self).continue?.wait == 5)
        }
    }

    @Test func tooFastHasStatus429AndRotatesTheToken() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let continuation = try await start(client, instance)
            let path = String(continuation.uri.dropFirst(ASHarness.base.count))
            let early = try await client.send(.post, path, key: instance.key, token: continuation.accessToken.value)
            #expect(early.status == .tooManyRequests && early.error?.code == .tooFast)
            // The grant is pending, so the error carries `continue` with a rotated token (RFC 9635 §3.6).
            let next = try #require(try early.decode(GrantResponse.self).continue)
            #expect(next.accessToken != continuation.accessToken && next.wait == 5)
            harness.clock.advance(by: .seconds(5))
            let onTime = try await client.send(.post, path, key: instance.key, token: next.accessToken.value)
            #expect(onTime.status == .ok)
            // The rotated token is refused once its successor was used.
            let stale = try await client.send(.post, path, key: instance.key, token: continuation.accessToken.value)
            #expect(stale.error?.code == .invalidContinuation)
        }
    }
}
