import Foundation
import GNAP
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// The RFC 9635 examples of the requests that follow a grant request: the RFC's continuation (§5.1, §5.2) and token
/// management (§6) messages, each applied to a live grant of this AS. The example's method and content are kept; its
/// URI, tokens and placeholder values (interaction reference, key) are the live grant's, since those are the AS's
/// and the client's own.
@Suite("RFC 9635 follow-up examples")
struct RFCFollowUpExampleTests {
    static func ids(where matches: (RFCExampleRole) -> Bool) -> [String] {
        RFCExampleCatalog.entries.filter { matches($0.role) }.map(\.id)
    }

    static let continuationIDs = ids {
        if case .continuation = $0 { true } else { false }
    }
    static let tokenManagementIDs = ids {
        if case .tokenManagement = $0 { true } else { false }
    }

    /// The example's method and content (nil when it has none), checked to be what the section says it is.
    static func message(_ id: String) throws -> (method: HTTPRequest.Method, content: String?) {
        let message = try #require(RFCExample.named(id).message, "\(id) is not an HTTP message")
        let method = try #require(message.method.flatMap { HTTPRequest.Method($0) }, "\(id) has no method")
        let content = message.content.trimmingCharacters(in: .whitespacesAndNewlines)
        // §7.2: the examples present the grant's token with the GNAP scheme.
        let authorization = message.fields.first { $0.name.lowercased() == "authorization" }?.value
        #expect(authorization?.hasPrefix("GNAP ") == true, "\(id) presents no GNAP token")
        return (method, content.isEmpty ? nil : content)
    }

    @Test("continuation examples continue a live grant", arguments: continuationIDs)
    func continuation(id: String) async throws {
        let (method, content) = try Self.message(id)
        #expect(method == .post)
        let harness = try await ASHarness()
        try await harness.run { client in
            if let content {
                try await Self.continueAfterInteraction(harness, client, content: content)
            } else {
                try await Self.poll(harness, client)
            }
        }
    }

    /// §5.2: polling a pending grant answers a new `continue`; once approved, the tokens.
    static func poll(_ harness: ASHarness, _ client: ASHarness.Client) async throws {
        let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
        let instance = TestClientInstance()
        let started = try await client.startGrant(try instance.request(), key: instance.key)
        let pending = try await client.poll(started, key: instance.key)
        #expect(pending.status == .ok)
        let waiting = try pending.decode(GrantResponse.self)
        #expect(waiting.accessToken == nil)
        let next = try #require(waiting.continue)
        #expect(next.accessToken.value != started.continue?.accessToken.value, "§5: the token rotates")
        let review = try await client.enterCode(of: started, as: alice)
        let decision = try await client.approve(
            review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []), as: alice)
        #expect(decision.status == .ok)
        let done = try await client.poll(waiting, key: instance.key)
        #expect(done.status == .ok)
        let tokens = try done.decode(GrantResponse.self)
        #expect(tokens.accessToken?.tokens.count == 1)
    }

    /// §5.1: after a finish, the client continues with the reference the AS sent it.
    static func continueAfterInteraction(
        _ harness: ASHarness, _ client: ASHarness.Client, content: String
    ) async throws {
        let placeholder = "4IFWWIKYBC2PQ6U56NL1"
        #expect(content.contains(placeholder))
        let finished = try await InteractionFinishTests.finished(
            harness, client, method: "push", uri: "http://127.0.0.1:4567/push/554321")
        let push = try #require(harness.pushes.pushes.first)
        let body = content.replacingOccurrences(of: placeholder, with: push.callback.interactRef)
        harness.clock.advance(by: .seconds(5))
        let reply = try await client.send(
            .post, finished.path, content: Array(body.utf8), key: finished.instance.key,
            token: finished.continuation.accessToken.value)
        #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect(try reply.decode(GrantResponse.self).accessToken != nil)
    }

    @Test("token management examples manage a live token", arguments: tokenManagementIDs)
    func tokenManagement(id: String) async throws {
        let (method, content) = try Self.message(id)
        let harness = try await ASHarness()
        try await harness.run { client in
            let (instance, token) = try await Self.issuedToken(harness, client)
            let manage = try #require(token.manage)
            let path = String(manage.uri.dropFirst(ASHarness.base.count))
            switch (method, content) {
            case (.delete, nil):
                // §6.2: revoked, 204, and the management token is gone with it.
                let revoked = try await client.send(
                    .delete, path, key: instance.key, token: manage.accessToken.value)
                #expect(revoked.status == .noContent)
                let again = try await client.send(.post, path, key: instance.key, token: manage.accessToken.value)
                #expect(again.status.code >= 400)
            case (.post, nil):
                // §6.1: a new value, the old one revoked.
                let rotated = try await client.send(.post, path, key: instance.key, token: manage.accessToken.value)
                #expect(rotated.status == .ok)
                let fresh = try #require(try rotated.decode(GrantResponse.self).accessToken?.tokens.first)
                #expect(fresh.value != token.value)
            case (.post, let content?):
                try await Self.rotateToNewKey(client, path: path, manage: manage, instance: instance, content: content)
            default:
                Issue.record("\(id): unexpected \(method) message")
            }
        }
    }

    /// §6.1.1: the example's `key` with the new key's JWK in place of the RFC's, signed by both keys.
    static func rotateToNewKey(
        _ client: ASHarness.Client, path: String, manage: TokenManagement, instance: TestClientInstance,
        content: String
    ) async throws {
        var body = try #require(try JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any])
        var key = try #require(body["key"] as? [String: Any], "the example names no key")
        #expect(key["proof"] as? String == "httpsig")
        let newKey = try RFCExampleHarness.clientKey(forJSON: "{}")
        key["jwk"] = try JSONSerialization.jsonObject(with: Data(try GNAPJSON.encode(try newKey.publicJWK())))
        body["key"] = key
        let bytes = Array(try JSONSerialization.data(withJSONObject: body))
        let rotated = try await client.send(
            .post, path, content: bytes, key: instance.key, token: manage.accessToken.value, rotatingTo: newKey)
        #expect(rotated.status == .ok, "\(String(decoding: rotated.body, as: UTF8.self))")
        let fresh = try #require(try rotated.decode(GrantResponse.self).accessToken?.tokens.first)
        #expect(fresh.key?.jwk == (try newKey.publicJWK()))
    }

    static func issuedToken(_ harness: ASHarness, _ client: ASHarness.Client) async throws -> (
        TestClientInstance, AccessTokenResponse
    ) {
        let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
        let instance = TestClientInstance()
        let started = try await client.startGrant(try instance.request(), key: instance.key)
        let review = try await client.enterCode(of: started, as: alice)
        let decision = try await client.approve(
            review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []), as: alice)
        #expect(decision.status == .ok)
        let done = try await client.poll(started, key: instance.key)
        let token = try #require(try done.decode(GrantResponse.self).accessToken?.tokens.first)
        return (instance, token)
    }
}
