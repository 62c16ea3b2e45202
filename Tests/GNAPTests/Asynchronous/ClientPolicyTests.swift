import GNAP
import HTTPMessageSignatures
import Testing

/// `--clients` policy members: `agent`, `asynchronous`, `standing_access` (RFC 9635 §1.6.3, §1.6.4).
@Suite("Client policies in --clients")
struct ClientPolicyTests {
    static let jwk = String(
        decoding: try! GNAPJSON.encode(try! SigningKey.generateEd25519().publicJWK()), as: UTF8.self)

    static func load(_ members: String) throws(ConfigurationFileError) -> ClientRegistry {
        try ClientRegistry.load(
            from: Array(
                #"{"clients": [{"id": "bot", "key": {"proof": "httpsig", "jwk": \#(jwk)}, "display": {"name": "Bot"}\#(members)}]}"#
                    .utf8))
    }

    func expectRefusal(
        _ members: String, mentioning fragment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try Self.load(members)
            Issue.record("expected a refusal", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func policyMembersAreReadAndDefaultToNothing() throws {
        #expect(try Self.load("").policies["bot"] == ClientPolicy())
        let policy = try #require(
            try Self.load(
                #", "agent": {"name": "bot", "operator": "Ops", "operator_uri": "https://ops.example"}, "asynchronous": true, "standing_access": ["backups"]"#
            ).policies["bot"])
        #expect(policy.agent == VettedAgent(name: "bot", operator: "Ops", operatorURI: "https://ops.example"))
        #expect(policy.allowsAsynchronous)
        #expect(policy.standingAccess == [.reference("backups")])
    }

    @Test func badPolicyMembersAreNamed() {
        expectRefusal(#", "agent": {"name": " ", "operator": "Ops"}"#, mentioning: "'clients[0].agent.name'")
        expectRefusal(
            #", "agent": {"name": "b", "operator": "Ops", "operator_uri": "ops"}"#,
            mentioning: "'clients[0].agent.operator_uri' must be an absolute URI")
        expectRefusal(#", "standing_access": []"#, mentioning: "'clients[0].standing_access' must not be empty")
        expectRefusal(#", "standing_access": [""]"#, mentioning: "'clients[0].standing_access[0]' is an empty")
        expectRefusal(
            #", "standing_access": [{"type": ""}]"#, mentioning: "'clients[0].standing_access[0].type' must not")
    }

    @Test func standingAccessCoversOnlyKeyBoundTokensWithinIt() {
        let policy = ClientPolicy(
            standingAccess: [.object(AccessRightObject(type: "photo-api", actions: ["read", "list"]))])
        func token(_ actions: [String], flags: [String]? = nil) -> AccessTokenRequest {
            AccessTokenRequest(access: [.object(AccessRightObject(type: "photo-api", actions: actions))], flags: flags)
        }
        #expect(policy.standingAccessCovers([token(["read"])]))
        #expect(policy.standingAccessCovers([token(["read", "list"])]))
        #expect(!policy.standingAccessCovers([token(["write"])]))
        #expect(!policy.standingAccessCovers([token(["read"]), token(["delete"])]))
        #expect(!policy.standingAccessCovers([token(["read"], flags: ["bearer"])]))
        #expect(!policy.standingAccessCovers([]))
        #expect(!ClientPolicy().standingAccessCovers([token(["read"])]))
    }
}
