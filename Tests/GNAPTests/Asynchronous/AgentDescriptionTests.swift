import GNAP
import Testing

/// The `gnapterm_agent` extension member of a grant request: self-asserted, and never dressed up as vetted.
@Suite("Agent descriptions in grant requests")
struct AgentDescriptionTests {
    static func body(agent: String) -> String {
        #"{"access_token": {"access": ["x"]}, "client": "c", "gnapterm_agent": \#(agent)}"#
    }

    func validate(_ agent: String) throws(GNAPError) -> ValidatedGrantRequest {
        try GrantRequestValidator().validate(body: Array(Self.body(agent: agent).utf8))
    }

    func expectRefusal(_ agent: String, mentioning fragment: String, sourceLocation: SourceLocation = #_sourceLocation)
    {
        do {
            _ = try validate(agent)
            Issue.record("expected a refusal of \(agent)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .invalidRequest, sourceLocation: sourceLocation)
            #expect(error.errorDescription?.contains(fragment) == true, "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aDescriptionIsKeptWithTheRequest() throws {
        let validated = try validate(
            #"{"name": "release-bot", "model": "claude", "operator": "Example", "task": "deploy", "uri": "https://bot.example"}"#
        )
        #expect(
            validated.request.agent
                == AgentDescription(
                    name: "release-bot", model: "claude", operator: "Example", task: "deploy",
                    uri: "https://bot.example"))
    }

    @Test func membersOnlyTheOperatorCanSetAreForgedClaims() {
        for member in AgentDescription.operatorMembers {
            expectRefusal(#"{"name": "bot", "\#(member)": true}"#, mentioning: "forged claim")
        }
        expectRefusal(#"{"name": "bot", "colour": "blue"}"#, mentioning: "not a member of an agent description")
        expectRefusal(#"{"model": "x"}"#, mentioning: "name")
    }

    @Test func textsAreCheckedBeforeAnApproverSeesThem() {
        expectRefusal(#"{"name": "   "}"#, mentioning: "'gnapterm_agent.name' must be 1 to 100 characters")
        expectRefusal(#"{"name": "bot\u001b[2J"}"#, mentioning: "control characters")
        expectRefusal(#"{"name": "bot", "task": "line\nbreak"}"#, mentioning: "control characters")
        let long = String(repeating: "t", count: 501)
        expectRefusal(#"{"name": "bot", "task": "\#(long)"}"#, mentioning: "1 to 500")
        expectRefusal(#"{"name": "bot", "uri": "javascript:alert(1)"}"#, mentioning: "absolute http or https URI")
        expectRefusal(#"{"name": "bot", "uri": "/relative"}"#, mentioning: "absolute http or https URI")
    }

    @Test func theAuditTextTellsVettedAndSelfAssertedPartsApart() {
        let both = AgentIdentity(
            vetted: VettedAgent(name: "release-bot", operator: "Example Ops"),
            asserted: AgentDescription(name: "rb", model: "m", task: "deploy"))
        #expect(
            both.auditText
                == "agent 'release-bot' (vetted, operator 'Example Ops') (self-asserted: 'rb', model 'm', task 'deploy')"
        )
        #expect(both.name == "release-bot")
        let claimed = AgentIdentity(vetted: nil, asserted: AgentDescription(name: "rb", operator: "Me"))
        #expect(claimed.auditText == "agent 'rb' (self-asserted, operator 'Me')")
        #expect(claimed.name == "rb")
    }
}
