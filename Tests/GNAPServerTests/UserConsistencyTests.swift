import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// §2.4: the user a request names must be the one who approves it, else `unknown_user` (§3.6).
@Suite("The user a request names (RFC 9635 §2.4)")
struct UserConsistencyTests {
    func request(_ instance: TestClientInstance, user: UserRequest?) throws -> GrantRequest {
        var request = try instance.request()
        request.user = user
        return request
    }

    @Test func theNamedUserIsShownAndMayApprove() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let admin = try await harness.giveAdminEmail()
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let named = UserRequest.value(UserValue(subIDs: [.email("ADMIN@example.com"), .phone("+15551234")]))
            let started = try await client.startGrant(try request(instance, user: named), key: instance.key)
            let review = try await client.enterCode(of: started, as: alice)
            let user = try #require(review.user)
            #expect(user.subIDs.map(\.format) == ["email", "phone_number"])
            #expect(user.matchesApprover)
            #expect(
                try await client.approve(
                    review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []),
                    as: alice
                ).status == .ok)
            let response = try await client.poll(started, key: instance.key)
            #expect(response.status == .ok)
            #expect(try response.decode(GrantResponse.self).accessToken != nil)
            // The reference form of the same user works too: the AS's opaque identifier is the user reference.
            let byReference = try await client.startGrant(
                try request(instance, user: .reference(admin.opaqueSubject)), key: instance.key)
            let referenced = try #require(try await client.enterCode(of: byReference, as: alice).user)
            #expect(referenced.reference == admin.opaqueSubject && referenced.matchesApprover)
        }
    }

    @Test func anotherApproverFailsTheGrantWithUnknownUser() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let named = UserRequest.value(UserValue(subIDs: [.email("bob@example.com")]))
            let started = try await client.startGrant(try request(instance, user: named), key: instance.key)
            let review = try await client.enterCode(of: started, as: alice)
            #expect(review.user?.matchesApprover == false)
            let reply = try await client.approve(
                review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []), as: alice)
            #expect(reply.status == .forbidden && reply.error?.code == .unknownUser)
            // The grant failed: a second try is "already decided", and the client is told `unknown_user`.
            let again = try await client.approve(
                review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []), as: alice)
            #expect(again.error?.code == .alreadyDecided)
            let poll = try await client.poll(started, key: instance.key)
            #expect(poll.error?.code == .unknownUser)
            #expect(try poll.decode(GrantResponse.self).accessToken == nil)
            let events = try await harness.store.auditEvents(grantID: review.grantID).map(\.kind)
            #expect(events == ["grant.created", "code.entered", "grant.refused", "grant.finalized"])
        }
    }

    /// §4.2: the finish method is enacted for this refusal too; the interaction reference then answers `unknown_user`.
    @Test func aRefusalForAnotherUserIsFinishedLikeADenial() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            var request = try request(instance, user: .value(UserValue(subIDs: [.email("bob@example.com")])))
            request.interact = InteractRequest(
                start: ["redirect"], finish: InteractFinish(method: "push", uri: "http://127.0.0.1:9/p", nonce: "n"))
            let reply = try await client.send(.post, "/gnap", json: request, key: instance.key)
            let started = try reply.decode(GrantResponse.self)
            let review = try await InteractionURLTests.open(client, try #require(started.interact?.redirect), as: alice)
                .decode(InteractionReview.self)
            let refused = try await client.approve(
                review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []), as: alice)
            #expect(refused.status == .forbidden && refused.error?.code == .unknownUser)
            let push = try #require(harness.pushes.pushes.first)
            let events = try await harness.store.auditEvents(grantID: review.grantID).map(\.kind)
            #expect(
                events == [
                    "grant.created", "interaction.opened", "grant.refused", "interaction.finished", "finish.pushed",
                ])
            harness.clock.advance(by: .seconds(5))
            let continuation = try #require(started.continue)
            let answer = try await client.send(
                .post, String(continuation.uri.dropFirst(ASHarness.base.count)),
                json: ["interact_ref": push.callback.interactRef], key: instance.key,
                token: continuation.accessToken.value)
            #expect(answer.status == .badRequest && answer.error?.code == .unknownUser)
        }
    }

    @Test func aRequestNamingTheUserOnlyInUncheckableFormatsCannotBeApproved() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let named = UserRequest.value(UserValue(subIDs: [.phone("+15551234")]))
            let started = try await client.startGrant(try request(instance, user: named), key: instance.key)
            let review = try await client.enterCode(of: started, as: alice)
            #expect(review.user?.matchesApprover == false)
            let reply = try await client.approve(
                review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []), as: alice)
            #expect(reply.error?.code == .unknownUser)
        }
    }

    @Test func subjectSubIDsNameTheUserToo() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            var request = try instance.request()
            request.subject = SubjectRequest(subIDFormats: ["opaque"], subIDs: [.opaque("someone-else")])
            let started = try await client.startGrant(request, key: instance.key)
            let review = try await client.enterCode(of: started, as: alice)
            #expect(review.user?.subIDs == [.opaque("someone-else")] && review.user?.matchesApprover == false)
        }
    }

    @Test func anUnknownUserReferenceIsRefusedAtOnce() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let reply = try await client.send(
                .post, "/gnap", json: try request(instance, user: .reference("XUT2MFM1XBIKJKSDU8QM")),
                key: instance.key)
            #expect(reply.status == .badRequest && reply.error?.code == .unknownUser)
            // Only after the signature: an unsigned request learns nothing about references.
            let unsigned = try await client.send(
                .post, "/gnap", content: try GNAPJSON.encode(try request(instance, user: .reference("XUT2"))))
            #expect(unsigned.error?.code == .invalidClient)
        }
    }

    @Test func assertionsAreVerifiedOrIgnored() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let admin = try await harness.giveAdminEmail()
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            // Get an ID token from the AS first.
            var first = try instance.request()
            first.subject = SubjectRequest(assertionFormats: ["id_token"])
            let started = try await client.startGrant(first, key: instance.key)
            let review = try await client.enterCode(of: started, as: alice)
            _ = try await client.approve(
                review.grantID, ApprovalRequest(rights: [], subjectFormats: [], assertionFormats: ["id_token"]),
                as: alice)
            let idToken = try #require(
                try await client.poll(started, key: instance.key).decode(GrantResponse.self).subject?.assertions?
                    .first?.value)
            // Presented back, it names the user (its subject), and the approver matches.
            let presented = UserRequest.value(
                UserValue(assertions: [
                    Assertion(format: "id_token", value: idToken), Assertion(format: "saml2", value: "PHNhbWw+"),
                ]))
            let next = try await client.startGrant(try request(instance, user: presented), key: instance.key)
            let user = try #require(try await client.enterCode(of: next, as: alice).user)
            #expect(user.subIDs == [.opaque(admin.opaqueSubject)])
            #expect(user.verifiedAssertionFormats == ["id_token"] && user.ignoredAssertionFormats == ["saml2"])
            #expect(user.matchesApprover)
            // A token the AS did not sign is refused.
            var pieces = idToken.split(separator: ".").map(String.init)
            pieces[1] = Base64URL.encode(
                Array(#"{"iss":"http://as.test","sub":"forged","aud":"x","iat":1,"exp":2}"#.utf8))
            let forged = UserRequest.value(
                UserValue(assertions: [Assertion(format: "id_token", value: pieces.joined(separator: "."))]))
            let refused = try await client.send(
                .post, "/gnap", json: try request(instance, user: forged), key: instance.key)
            #expect(refused.error?.code == .unknownUser)
            let garbage = UserRequest.value(UserValue(assertions: [Assertion(format: "id_token", value: "nope")]))
            #expect(
                try await client.send(.post, "/gnap", json: try request(instance, user: garbage), key: instance.key)
                    .error?.code == .unknownUser)
            // Only unverifiable assertions: shown as ignored, nobody named, approval works.
            let onlySAML = UserRequest.value(UserValue(assertions: [Assertion(format: "saml2", value: "PHNhbWw+")]))
            let third = try await client.startGrant(try request(instance, user: onlySAML), key: instance.key)
            let thirdReview = try await client.enterCode(of: third, as: alice)
            #expect(thirdReview.user?.subIDs == [] && thirdReview.user?.matchesApprover == true)
            #expect(
                try await client.approve(
                    thirdReview.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []),
                    as: alice
                ).status == .ok)
        }
    }

    @Test func uiLocalesAreKeptAndShown() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            var request = try instance.request()
            request.interact?.hints = InteractHints(uiLocales: ["fr-CA", "en"])
            let started = try await client.startGrant(request, key: instance.key)
            let review = try await client.enterCode(of: started, as: alice)
            #expect(review.uiLocales == ["fr-CA", "en"])
            let grant = try #require(try await harness.store.grant(id: review.grantID))
            #expect(grant.uiLocales == ["fr-CA", "en"])
            request.interact?.hints = InteractHints(uiLocales: ["not a tag"])
            let bad = try await client.send(.post, "/gnap", json: request, key: instance.key)
            #expect(bad.status == .badRequest && bad.error?.code == .invalidRequest)
        }
    }
}

extension SubjectIdentifier {
    static func phone(_ number: String) -> SubjectIdentifier {
        SubjectIdentifier(format: "phone_number", members: ["phone_number": number])
    }
}
