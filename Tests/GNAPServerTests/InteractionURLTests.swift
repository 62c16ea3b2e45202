import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// The `redirect` and `app` start modes (RFC 9635 §2.5.1.1, §2.5.1.2, §3.3.1, §3.3.2, §4.1.1, §4.1.4) and the
/// approver API's `POST /interact/v1/interaction`.
@Suite("Interaction URLs")
struct InteractionURLTests {
    static var idPattern: Regex<AnyRegexOutput> { try! Regex("^http://as\\.test/interact/[A-Za-z0-9_-]{43}$") }

    static func start(
        _ client: ASHarness.Client, modes: [String] = ["redirect", "app"], finish: InteractFinish? = nil,
        instance: TestClientInstance = TestClientInstance()
    ) async throws -> GrantResponse {
        var request = try instance.request()
        request.interact = InteractRequest(start: modes, finish: finish)
        let reply = try await client.send(.post, "/gnap", json: request, key: instance.key)
        #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
        return try reply.decode(GrantResponse.self)
    }

    static func open(_ client: ASHarness.Client, _ interaction: String, as approver: TestApprover) async throws
        -> ASHarness.Client.Reply
    {
        try await client.send(
            .post, "/interact/v1/interaction", json: InteractionOpenRequest(interaction: interaction),
            key: approver.key, profile: .approverAPI)
    }

    @Test func redirectAndAppGetOneInteractionInTwoForms() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let response = try await Self.start(client)
            let interact = try #require(response.interact)
            let redirect = try #require(interact.redirect)
            #expect(redirect.wholeMatch(of: Self.idPattern) != nil)
            let locator = try InteractionLocator(parsing: redirect)
            #expect(interact.app == locator.appURI)
            #expect(interact.app?.hasPrefix("gnapterm:approve?as=http%3A%2F%2Fas.test&interaction=") == true)
            // Only the modes asked for (§3.3: "MUST NOT respond with any interaction mode that the client instance
            // did not indicate"), and no finish nonce without a finish request.
            #expect(interact.userCode == nil && interact.userCodeURI == nil && interact.finish == nil)
            #expect(interact.expiresIn == 600)
            let onlyApp = try await Self.start(client, modes: ["app"])
            #expect(onlyApp.interact?.redirect == nil && onlyApp.interact?.app != nil)
            // Every request gets its own URL.
            let other = try await Self.start(client, modes: ["redirect"])
            #expect(other.interact?.redirect != redirect && other.interact?.app == nil)
            let all = try await Self.start(client, modes: ["user_code", "redirect"])
            #expect(all.interact?.userCode != nil && all.interact?.redirect != nil)
        }
    }

    @Test func thePageSaysHowToApproveAndNothingMore() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let url = try #require(try await Self.start(client).interact?.redirect)
            let path = String(url.dropFirst(ASHarness.base.count))
            let page = try await client.send(.get, path)
            let html = String(decoding: page.body, as: UTF8.self)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(html.contains("gnapterm approve --as http://as.test \(url)"))
            // The link itself is random and may contain "TV"; the name must not appear anywhere else.
            #expect(
                !html.replacingOccurrences(of: url, with: "").contains("TV"),
                "the page must not show the client's self-asserted name")
            let unknown = try await client.send(.get, "/interact/" + Secrets.token())
            #expect(unknown.status == .notFound)
            #expect(String(decoding: unknown.body, as: UTF8.self).contains("Unknown link"))
            // The page does not consume the interaction: loading it twice is fine.
            #expect(try await client.send(.get, path).status == .ok)
            harness.clock.advance(by: .seconds(601))
            let expired = try await client.send(.get, path)
            #expect(expired.status == .gone && expired.headers[.cacheControl] == "no-store")
        }
    }

    @Test func openingTheURLBindsTheInteractionAndReturnsTheReview() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let response = try await Self.start(client)
            let url = try #require(response.interact?.redirect)
            let reply = try await Self.open(client, url, as: alice)
            #expect(reply.status == .ok && reply.headers[.cacheControl] == "no-store")
            let review = try reply.decode(InteractionReview.self)
            #expect(review.status == .pending && review.allRights.count == 2 && review.client.display?.name == "TV")
            // Again from the same device, by the app URI this time: the same review.
            let again = try await Self.open(client, try #require(response.interact?.app), as: alice)
            #expect(try again.decode(InteractionReview.self).grantID == review.grantID)
            let approved = try await client.send(
                .post, "/interact/v1/grants/\(review.grantID)/approve",
                json: ApprovalRequest(rights: ["0.0"], subjectFormats: []), key: alice.key, profile: .approverAPI)
            #expect(
                try approved.decode(DecisionResponse.self)
                    == DecisionResponse(grantID: review.grantID, status: .approved))
            let events = try await harness.store.auditEvents(grantID: review.grantID).map(\.kind)
            #expect(events == ["grant.created", "interaction.opened", "grant.approved"])
            // Decided: the page and the API both say so.
            #expect(try await client.send(.get, String(url.dropFirst(ASHarness.base.count))).status == .gone)
            let decided = try await Self.open(client, url, as: alice)
            #expect(decided.status == .conflict && decided.error?.code == .alreadyDecided)
        }
    }

    @Test func everyRefusalHasItsCodeAndStatus() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let bob = try await InteractionAPITests().enrollSecondAccount(harness, client)
            let url = try #require(try await Self.start(client).interact?.redirect)
            let locator = try InteractionLocator(parsing: url)

            let unsigned = try await client.send(
                .post, "/interact/v1/interaction",
                content: try GNAPJSON.encode(InteractionOpenRequest(interaction: url)))
            #expect(unsigned.status == .unauthorized && unsigned.error?.code == .invalidSignature)
            let missing = try await client.send(
                .post, "/interact/v1/interaction", content: Array("{}".utf8), key: alice.key, profile: .approverAPI)
            #expect(missing.status == .badRequest && missing.error?.code == .invalidRequest)
            let malformed = try await Self.open(client, "ABCD-EFGH", as: alice)
            #expect(malformed.status == .badRequest && malformed.error?.code == .interactionURLMalformed)
            let elsewhere = try await Self.open(
                client, InteractionLocator(base: "https://other.example", id: locator.id).url, as: alice)
            #expect(elsewhere.status == .badRequest && elsewhere.error?.code == .interactionURLMalformed)
            #expect(elsewhere.error?.errorDescription?.contains("not to this server") == true)
            let unknown = try await Self.open(
                client, InteractionLocator(base: ASHarness.base, id: Secrets.token()).url, as: alice)
            #expect(unknown.status == .notFound && unknown.error?.code == .interactionURLUnknown)

            #expect(try await Self.open(client, url, as: alice).status == .ok)
            let taken = try await Self.open(client, locator.appURI, as: bob)
            #expect(taken.status == .conflict && taken.error?.code == .interactionUsed)

            let stale = try #require(try await Self.start(client).interact?.redirect)
            harness.clock.advance(by: .seconds(601))
            let expired = try await Self.open(client, stale, as: alice)
            #expect(expired.status == .gone && expired.error?.code == .interactionExpired)
        }
    }

    /// §4.1: "if a user code has been successfully entered for a grant request, the AS will need to reject requests
    /// to an arbitrary redirect URI on the same grant request" — and, here, the other way round too.
    @Test func oneStartModeExcludesTheOthers() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let byCode = try await Self.start(client, modes: ["user_code", "redirect", "app"])
            let code = try #require(byCode.interact?.userCode)
            let entered = try await client.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: code), key: alice.key,
                profile: .approverAPI)
            #expect(entered.status == .ok)
            for link in [byCode.interact?.redirect, byCode.interact?.app].compactMap({ $0 }) {
                let refused = try await Self.open(client, link, as: alice)
                #expect(refused.status == .conflict && refused.error?.code == .startModeUsed)
                #expect(refused.error?.errorDescription?.contains("user code was already entered") == true)
            }
            #expect(
                try await client.send(.get, String(byCode.interact!.redirect!.dropFirst(ASHarness.base.count))).status
                    == .gone)

            let byURL = try await Self.start(client, modes: ["user_code_uri", "redirect"])
            #expect(try await Self.open(client, try #require(byURL.interact?.redirect), as: alice).status == .ok)
            let codeRefused = try await client.send(
                .post, "/interact/v1/code",
                json: CodeEntryRequest(userCode: try #require(byURL.interact?.userCodeURI?.code)), key: alice.key,
                profile: .approverAPI)
            #expect(codeRefused.status == .conflict && codeRefused.error?.code == .startModeUsed)
            #expect(codeRefused.error?.errorDescription?.contains("interaction URL was already used") == true)
        }
    }

    @Test func withoutAUsableStartModeTheGrantIsRefused() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let instance = TestClientInstance()
            var request = try instance.request()
            request.interact = InteractRequest(start: ["carrier_pigeon"])
            let reply = try await client.send(.post, "/gnap", json: request, key: instance.key)
            #expect(reply.status == .badRequest && reply.error?.code == .invalidInteraction)
        }
    }
}
