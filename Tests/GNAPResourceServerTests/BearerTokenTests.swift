import GNAP
import GNAPResourceServer
import HTTPMessageSignatures
import Testing

/// Bearer tokens only when the AS flags them so, and only with the Bearer scheme (RFC 9635 §2.1.1, §7.2).
@Suite struct BearerTokenTests {
    static func bearer(_ harness: RSHarness) -> IntrospectedToken {
        IntrospectedToken(
            access: [.object(AccessRightObject(type: "notes", actions: ["read"]))], flags: [AccessTokenFlag.bearer],
            iss: RSHarness.asURI)
    }

    @Test func bearerTokensWorkWithTheBearerScheme() async throws {
        let harness = try RSHarness()
        harness.introspector.activate("B34R3R", Self.bearer(harness))
        try await harness.run { client in
            let reply = try await client.send(authorization: .bearer("B34R3R"))
            #expect(reply.status == .ok && reply.body == "read by ? with bearer")
            // §7.2: a bearer token "MUST be sent using" the Bearer scheme.
            let asGNAP = try await client.send(authorization: .gnap("B34R3R"), key: SigningKey.clientKey())
            #expect(asGNAP.status == .unauthorized && asGNAP.error?.code == .invalidToken)
        }
        #expect(harness.introspector.queries.first == IntrospectionQuery(accessToken: "B34R3R", proof: nil))
    }

    @Test func aBoundTokenNeedsItsProof() async throws {
        let harness = try RSHarness()
        harness.introspector.activate("T0K3N", try harness.boundToken(SigningKey.clientKey()))
        try await harness.run { client in
            let reply = try await client.send(authorization: .bearer("T0K3N"))
            #expect(reply.status == .unauthorized && reply.error?.errorDescription?.contains("bound to a key") == true)
        }
    }

    @Test func bearerTokensCanBeTurnedOff() async throws {
        let harness = try RSHarness { $0.acceptsBearerTokens = false }
        harness.introspector.activate("B34R3R", Self.bearer(harness))
        try await harness.run { client in
            let reply = try await client.send(authorization: .bearer("B34R3R"))
            #expect(reply.status == .unauthorized && reply.challenge?.asURI == RSHarness.asURI)
        }
        #expect(harness.introspector.calls == 0)
    }

    @Test func aKeyByReferenceCannotBeChecked() async throws {
        let harness = try RSHarness()
        var token = try harness.boundToken(SigningKey.clientKey())
        token.key = .reference("client-key-7")
        harness.introspector.activate("T0K3N", token)
        try await harness.run { client in
            let reply = try await client.send(authorization: .gnap("T0K3N"), key: SigningKey.clientKey())
            #expect(reply.status == .unauthorized && reply.error?.errorDescription?.contains("by reference") == true)
        }
    }
}
