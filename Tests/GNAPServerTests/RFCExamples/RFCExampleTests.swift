import Foundation
import GNAP
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Every example of RFC 9635 is accounted for, and every example request gets a valid answer.
@Suite("RFC 9635 examples")
struct RFCExampleTests {
    @Test func everyExampleIsCataloguedOnce() {
        let fixture = RFCExample.all.map(\.id)
        let catalogued = RFCExampleCatalog.entries.map(\.id)
        #expect(fixture.count == 124, "the fixture holds every example block of the RFC text")
        #expect(Set(catalogued).count == catalogued.count, "an example is catalogued twice")
        #expect(Set(catalogued) == Set(fixture))
    }

    static let withErrata = RFCExampleCatalog.entries.filter { !$0.errata.isEmpty }.map(\.id)

    @Test("the listed errata are real and the repair makes JSON", arguments: withErrata)
    func errata(id: String) throws {
        let example = RFCExample.named(id)
        let entry = RFCExampleCatalog.entry(id)
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(example.json.utf8)) }
        let repaired = RFCExampleErratum.repair(example.json, entry.errata)
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(repaired.utf8)) }
        // Each listed erratum is needed: without it the repair fails.
        for erratum in entry.errata where entry.errata.count > 1 {
            let partial = RFCExampleErratum.repair(example.json, entry.errata.subtracting([erratum]))
            #expect(
                throws: (any Error).self, "\(erratum) is listed but not needed"
            ) { try JSONSerialization.jsonObject(with: Data(partial.utf8)) }
        }
    }

    @Test("examples without errata are JSON as printed")
    func examplesWithoutErrataParse() {
        for entry in RFCExampleCatalog.entries where entry.errata.isEmpty {
            switch entry.role {
            case .grantRequest, .response, .modification:
                let example = RFCExample.named(entry.id)
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(example.json.utf8))) != nil,
                    "\(entry.id) does not parse")
            default: break
            }
        }
    }

    static let grantRequests = RFCExampleCatalog.entries.compactMap { entry -> String? in
        if case .grantRequest = entry.role { entry.id } else { nil }
    }

    @Test("grant request examples get a valid answer", arguments: grantRequests)
    func grantRequest(id: String) async throws {
        let example = RFCExample.named(id)
        let entry = RFCExampleCatalog.entry(id)
        guard case .grantRequest(let outcome) = entry.role else { return }
        let json = RFCExampleErratum.repair(example.json, entry.errata)
        let key = try RFCExampleHarness.clientKey(forJSON: json)
        let body = try RFCExampleHarness.grantRequest(fromJSON: json, fragment: example.isFragment, clientKey: key)
        let clientID = (try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["client"] as? String
        let harness = try await RFCExampleHarness.server(clientKey: key, registering: clientID)
        try await harness.run { client in
            if !entry.errata.isEmpty {
                // As printed, the example is not JSON: the AS says so and creates nothing.
                let verbatim = try await client.send(.post, "/gnap", content: Array(example.json.utf8), key: key)
                #expect(verbatim.status == .badRequest && verbatim.error?.code == .invalidRequest)
            }
            // §7.3.1: a proof object may name the Content-Digest algorithm the client uses.
            let digest = json.contains(#""content-digest-alg": "sha-512""#) ? DigestAlgorithm.sha512 : .sha256
            let reply = try await client.send(.post, "/gnap", content: body, key: key, digest: digest)
            try Self.check(reply, against: body, expected: outcome)
        }
    }

    static func check(
        _ reply: ASHarness.Client.Reply, against body: [UInt8], expected: GrantOutcome
    ) throws {
        let text = String(decoding: reply.body, as: UTF8.self)
        #expect(reply.headers[.cacheControl] == "no-store")
        switch expected {
        case .refused(let code, let reason):
            #expect(reply.status.code >= 400 && reply.status.code < 500, "\(reason): \(text)")
            #expect(reply.error?.code == code, "\(reason): \(text)")
        case .pending:
            #expect(reply.status == .ok, "\(text)")
            guard reply.status == .ok else { return }
            let request = try GNAPJSON.decode(GrantRequest.self, from: body)
            let response = try reply.decode(GrantResponse.self)
            #expect(response.error == nil)
            // §3.1: the grant goes on at the continuation URI, with a token, and a wait for polling.
            let continuation = try #require(response.continue, "no continue: \(text)")
            #expect(continuation.uri.hasPrefix(ASHarness.base + "/gnap/continue/"))
            #expect(!continuation.accessToken.value.isEmpty)
            // §3.2: nothing is issued before someone approved.
            #expect(response.accessToken == nil)
            // §3.5: a client by value is given an instance identifier; one by reference keeps its own.
            if case .reference(let id) = request.client {
                #expect(response.instanceID == id)
            } else {
                #expect(response.instanceID != nil)
            }
            try checkInteraction(response.interact, for: request.interact, text: text)
        }
    }

    /// §3.3: every start mode the client asked for is answered, and `finish` carries the AS's nonce when the
    /// client asked for a finish method.
    static func checkInteraction(_ interact: InteractResponse?, for asked: InteractRequest?, text: String) throws {
        let asked = try #require(asked, "the example asks for no interaction")
        let answer = try #require(interact, "no interact in \(text)")
        for mode in asked.start {
            switch mode {
            case "redirect": #expect(answer.redirect != nil, "redirect not answered: \(text)")
            case "app": #expect(answer.app != nil, "app not answered: \(text)")
            case "user_code": #expect(answer.userCode != nil, "user_code not answered: \(text)")
            case "user_code_uri": #expect(answer.userCodeURI != nil, "user_code_uri not answered: \(text)")
            default: Issue.record("unexpected start mode \(mode)")
            }
        }
        #expect((asked.finish != nil) == (answer.finish != nil), "finish nonce: \(text)")
        #expect(answer.expiresIn != nil)
    }
}

/// The AS's answers printed in the RFC decode with the library's wire types, which GNAPClient uses; the few that
/// contradict the RFC's normative text are refused with an error naming the member.
@Suite("RFC 9635 response examples")
struct RFCResponseExampleTests {
    static let responses = RFCExampleCatalog.entries.compactMap { entry -> String? in
        if case .response = entry.role { entry.id } else { nil }
    }

    @Test("response examples decode", arguments: responses)
    func decodes(id: String) throws {
        let example = RFCExample.named(id)
        let json = RFCExampleErratum.repair(example.json, RFCExampleCatalog.entry(id).errata)
        let response = try GNAPJSON.decode(GrantResponse.self, from: Array(json.utf8))
        // Whatever the example shows must survive decoding: compare the members present, not just "it decoded".
        let members = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((members["continue"] != nil) == (response.continue != nil))
        #expect((members["access_token"] != nil) == (response.accessToken != nil))
        #expect((members["interact"] != nil) == (response.interact != nil))
        #expect((members["subject"] != nil) == (response.subject != nil))
        #expect((members["instance_id"] != nil) == (response.instanceID != nil))
        #expect((members["error"] != nil) == (response.error != nil))
    }

    static let nonConforming = RFCExampleCatalog.entries.compactMap { entry -> String? in
        if case .nonConformingResponse = entry.role { entry.id } else { nil }
    }

    @Test("non-conforming response examples are refused, naming the member", arguments: nonConforming)
    func refused(id: String) throws {
        guard case .nonConformingResponse(let member, let reason) = RFCExampleCatalog.entry(id).role else { return }
        let json = RFCExample.named(id).json
        do {
            _ = try GNAPJSON.decodeRequest(GrantResponse.self, from: Array(json.utf8))
            Issue.record("\(id) decoded although \(reason)")
        } catch {
            #expect(error.errorDescription?.contains("'\(member)'") == true, "\(reason): \(error)")
        }
    }
}
