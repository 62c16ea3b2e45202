import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// RFC 9635 §2.4 and §1.6.3: an asynchronous request may name its user by an `id_token` assertion this AS issued;
/// one signed by another key, an expired one and one about nobody the AS knows are `unknown_user` (§3.6).
@Suite("Asynchronous requests naming the user by an id_token")
struct IDTokenAddressedRequestTests {
    /// alice's `id_token`, as release-bot gets it: an interactive grant asking for the assertion (§2.2), which alice
    /// approves with the assertion released (§3.4.1).
    static func idToken(_ client: ASHarness.Client, _ fixture: AsyncHarness, alice: TestApprover) async throws
        -> String
    {
        var request = AsyncHarness.request("release-bot", for: nil, interact: InteractRequest(start: ["user_code"]))
        request.subject = SubjectRequest(assertionFormats: ["id_token"])
        let started = try await client.startGrant(request, key: fixture.bot.key)
        let review = try await client.enterCode(of: started, as: alice)
        let approved = try await client.approve(
            review.grantID, ApprovalRequest(rights: ["0.1"], subjectFormats: [], assertionFormats: ["id_token"]),
            as: alice)
        #expect(approved.status == .ok)
        let polled = try await client.poll(started, key: fixture.bot.key).decode(GrantResponse.self)
        let assertion = try #require(polled.subject?.assertions?.first)
        #expect(assertion.format == "id_token")
        return assertion.value
    }

    /// An asynchronous request of release-bot naming its user by `assertion` alone.
    static func request(naming assertion: String) -> GrantRequest {
        GrantRequest(
            accessToken: .single(AccessTokenRequest(access: AsyncHarness.rights)), client: .reference("release-bot"),
            user: .value(UserValue(assertions: [Assertion(format: "id_token", value: assertion)])))
    }

    /// ID Token claims about `subject` as this AS would write them, valid for five minutes from `now`.
    static func claims(about subject: String, at now: WallInstant) -> IDTokenClaims {
        IDTokenClaims(
            iss: ASHarness.base, sub: subject, aud: "release-bot", iat: now.unixSeconds,
            exp: now.advanced(by: .seconds(300)).unixSeconds)
    }

    @Test func anIDTokenThisASIssuedPutsTheRequestInThatUsersInbox() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            let account = try #require(try await harness.store.account(username: "alice"))
            let token = try await Self.idToken(client, fixture, alice: alice)
            let claims = try GNAPJSON.decode(IDTokenClaims.self, from: try CompactJWS.parse(token).payload)
            #expect(claims.sub == account.opaqueSubject)
            let reply = try await client.send(.post, "/gnap", json: Self.request(naming: token), key: fixture.bot.key)
            #expect(reply.status == .ok, "\(String(describing: reply.error))")
            let response = try #require(reply.response)
            // §3.1: no interaction offered; the client waits and polls.
            #expect(response.interact == nil && response.accessToken == nil && response.continue?.wait != nil)
            let grantID = AsynchronousRequestTests.grantID(response)
            let inbox = try await client.inbox(of: alice)
            #expect(inbox.items.map(\.grantID) == [grantID])
            // The review says the user was named by a verified assertion, and that it is the approver.
            let opened = try await client.call(.post, "/interact/v1/inbox/\(grantID)/open", as: alice)
            let user = try #require(try opened.decode(InteractionReview.self).user)
            #expect(user.subIDs == [.opaque(account.opaqueSubject)])
            #expect(user.verifiedAssertionFormats == ["id_token"] && user.matchesApprover)
            let grant = try #require(try await harness.store.grant(id: grantID))
            #expect(grant.lifecycle.inbox?.accountID == account.id)
        }
    }

    @Test func anIDTokenOfAnotherKeyAnExpiredOneAndOneAboutNobodyAreUnknownUser() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            let account = try #require(try await harness.store.account(username: "alice"))
            let token = try await Self.idToken(client, fixture, alice: alice)
            let before = try await harness.rowCountsBesideNonces()
            func refusal(_ assertion: String) async throws -> GNAPError? {
                let reply = try await client.send(
                    .post, "/gnap", json: Self.request(naming: assertion), key: fixture.bot.key)
                #expect(reply.status == .badRequest)
                return reply.error
            }
            // Another key, even one that claims the AS's key id: the signature does not verify.
            let asKey = try await ServerSecrets.load(from: harness.store).assertionKey
            var forger = try AssertionSigningKey(stored: AssertionSigningKey.generate()).key
            forger.keyID = asKey.publicJWK.kid
            let forged = try CompactJWS.sign(
                payload: try GNAPJSON.encode(Self.claims(about: account.opaqueSubject, at: harness.clock.now)),
                key: forger, type: "JWT"
            ).compact
            let otherKey = try await refusal(forged)
            #expect(otherKey?.code == .unknownUser)
            #expect(otherKey?.errorDescription?.contains("not one this AS issued") == true)
            // Signed by the AS's own key, about a subject it has no account for.
            let nobody = try asKey.idToken(Self.claims(about: "no-such-subject", at: harness.clock.now))
            let unknown = try await refusal(nobody)
            #expect(unknown?.code == .unknownUser)
            #expect(unknown?.errorDescription?.contains("no single user") == true)
            // alice's genuine token, once it has expired (the AS issues them for five minutes).
            let claims = try GNAPJSON.decode(IDTokenClaims.self, from: try CompactJWS.parse(token).payload)
            harness.clock.advance(by: .seconds(claims.exp - harness.clock.now.unixSeconds))
            let expired = try await refusal(token)
            #expect(expired?.code == .unknownUser)
            #expect(expired?.errorDescription?.contains("expired") == true)
            // None of them was stored or delivered.
            #expect(try await harness.rowCountsBesideNonces() == before)
            #expect(try await client.inbox(of: alice).items.isEmpty)
        }
    }
}
