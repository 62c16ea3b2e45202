import Foundation
import GNAP
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// The RFC 9635 examples of §5.3 and §5.4: the RFC's grant modification (`PATCH`) and revocation (`DELETE`) messages,
/// each applied to a live grant made from the RFC's own initial request. The example's method and content are
/// kept; the continuation URI and token are the live grant's.
@Suite("RFC 9635 modification and revocation examples")
struct RFCModificationExampleTests {
    /// The RFC's initial request `requestID`, granted in full through its `redirect` start and `redirect` finish,
    /// and continued with the interaction reference: the grant is approved and has delivered its token.
    static func grantedExample(
        _ requestID: String, rights: [String], _ body: @Sendable (GrantLive) async throws -> Void
    )
        async throws
    {
        let example = RFCExample.named(requestID)
        let json = RFCExampleErratum.repair(example.json, RFCExampleCatalog.entry(requestID).errata)
        let key = try RFCExampleHarness.clientKey(forJSON: json)
        let request = try RFCExampleHarness.grantRequest(fromJSON: json, fragment: example.isFragment, clientKey: key)
        let clientID = (try JSONSerialization.jsonObject(with: Data(request)) as? [String: Any])?["client"] as? String
        let harness = try await RFCExampleHarness.server(clientKey: key, registering: clientID)
        try await harness.run { client in
            let started = try await client.send(.post, "/gnap", content: request, key: key)
            let response = try started.decode(GrantResponse.self)
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let review = try await InteractionURLTests.open(
                client, try #require(response.interact?.redirect), as: admin
            ).decode(InteractionReview.self)
            let decision = try await client.approve(
                review.grantID, ApprovalRequest(rights: rights, subjectFormats: []), as: admin
            ).decode(DecisionResponse.self)
            let callback = try FinishRedirect.callback(fromQuery: try #require(decision.finish?.uri))
            let continuation = try #require(response.continue)
            harness.clock.advance(by: .seconds(continuation.wait ?? 5))
            let path = String(continuation.uri.dropFirst(ASHarness.base.count))
            let granted = try await client.send(
                .post, path, json: ["interact_ref": callback.interactRef], key: key,
                token: continuation.accessToken.value
            ).decode(GrantResponse.self)
            let token = try #require(granted.accessToken?.tokens.first)
            let next = try #require(granted.continue, "§5.3 needs a continue to modify with")
            harness.clock.advance(by: .seconds(next.wait ?? 5))
            try await body(GrantLive(harness: harness, client: client, key: key, continuation: next, token: token))
        }
    }

    struct GrantLive {
        var harness: ASHarness
        var client: ASHarness.Client
        var key: SigningKey
        var continuation: ContinueResponse
        var token: AccessTokenResponse
        var path: String { String(continuation.uri.dropFirst(ASHarness.base.count)) }

        /// Sends the example `id` (its method and repaired content) to this grant's continuation URI.
        func send(example id: String) async throws -> ASHarness.Client.Reply {
            let message = try #require(RFCExample.named(id).message)
            let method = try #require(message.method.flatMap { HTTPRequest.Method($0) })
            let content = message.content.trimmingCharacters(in: .whitespacesAndNewlines)
            let body = RFCExampleErratum.repair(content, RFCExampleCatalog.entry(id).errata)
            return try await client.send(
                method, path, content: Array(body.utf8), key: key, token: continuation.accessToken.value)
        }
    }

    @Test("§5.3: asking for less (L3526) is granted at once")
    func reducingAccess() async throws {
        try await Self.grantedExample("L3473", rights: ["0.0", "0.1"]) { grant in
            #expect(grant.token.access == [.reference("read"), .reference("write")])
            let reply = try await grant.send(example: "L3526")
            #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
            let response = try reply.decode(GrantResponse.self)
            // As in the RFC's answer (L3552): a new continue and a token for "read" alone, no interaction.
            #expect(response.continue != nil && response.interact == nil)
            #expect(response.accessToken?.tokens.map(\.access) == [[.reference("read")]])
            // The earlier token is not altered (§5.3); it is durable under the default policy.
            let earlier = try await grant.harness.store.accessToken(hash: Secrets.hash(grant.token.value))
            #expect(earlier?.revokedAt == nil && earlier?.access.count == 2)
        }
    }

    @Test("§5.3: asking for more (L3628) needs a new interaction")
    func extendingAccess() async throws {
        try await Self.grantedExample("L3573", rights: ["0.0"]) { grant in
            #expect(grant.token.access == [.reference("read")])
            let reply = try await grant.send(example: "L3628")
            #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
            let response = try reply.decode(GrantResponse.self)
            #expect(response.accessToken == nil && response.continue != nil)
            // The new interaction: a link for the `redirect` start and the AS's nonce for the new finish.
            #expect(response.interact?.redirect != nil && response.interact?.finish != nil)
            let record = try #require(
                try await grant.harness.store.grant(id: String(grant.path.split(separator: "/").last!)))
            #expect(record.lifecycle.status == .pending)
            #expect(record.finish?.uri == "https://client.example.net/return/654321")
        }
    }

    @Test("§5.4: revoking (L3667) ends the grant with 204")
    func revoking() async throws {
        try await Self.grantedExample("L3573", rights: ["0.0"]) { grant in
            let reply = try await grant.send(example: "L3667")
            #expect(reply.status == .noContent && reply.body.isEmpty)
            let token = try await grant.harness.store.accessToken(hash: Secrets.hash(grant.token.value))
            #expect(token?.revokedAt != nil)
            let again = try await grant.send(example: "L3667")
            #expect(again.status == .unauthorized && again.error?.code == .invalidContinuation)
        }
    }
}
