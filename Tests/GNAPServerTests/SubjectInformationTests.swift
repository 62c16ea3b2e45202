import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// §3.4: subject identifiers, the `id_token` assertion and `updated_at`, released only as the approver chose.
@Suite("Subject information (RFC 9635 §3.4)")
struct SubjectInformationTests {
    func subjectRequest(_ instance: TestClientInstance, assertions: [String] = ["id_token", "saml2"]) throws
        -> GrantRequest
    {
        var request = try instance.request()
        request.subject = SubjectRequest(subIDFormats: ["opaque", "email"], assertionFormats: assertions)
        return request
    }

    func keySet(_ client: ASHarness.Client) async throws -> [JWK] {
        try await client.send(.get, "/.well-known/jwks.json").decode(JWKSet.self).keys
    }

    @Test func everythingReleasedIncludesAnIDTokenSignedByTheAS() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let admin = try await harness.giveAdminEmail()
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let started = try await client.startGrant(try subjectRequest(instance), key: instance.key)
            let review = try await client.enterCode(of: started, as: alice)
            // saml2 is not supported: filtered out like an unsupported identifier format.
            #expect(review.subject == SubjectReview(subIDFormats: ["opaque", "email"], assertionFormats: ["id_token"]))
            let approval = ApprovalRequest(
                rights: ["0.0"], subjectFormats: ["opaque", "email"], assertionFormats: ["id_token"])
            #expect(try await client.approve(review.grantID, approval, as: alice).status == .ok)
            let approvedAt = harness.clock.now
            let reply = try await client.poll(started, key: instance.key)
            let subject = try #require(try reply.decode(GrantResponse.self).subject)
            #expect(subject.subIDs == [.opaque(admin.opaqueSubject), .email("admin@example.com")])
            #expect(subject.updatedAt == admin.updatedAt.iso8601)
            let assertion = try #require(subject.assertions?.first)
            #expect(subject.assertions?.count == 1 && assertion.format == "id_token")
            // The JWT verifies with the published key set and carries the documented claims.
            let parts = try CompactJWS.verify(assertion.value, keys: try await keySet(client))
            #expect(parts.header.alg == "ES256" && parts.header.typ == "JWT")
            let claims = try GNAPJSON.decode(IDTokenClaims.self, from: parts.payload)
            #expect(claims.iss == ASHarness.base)
            #expect(claims.sub == admin.opaqueSubject)
            #expect(claims.aud == started.instanceID)
            #expect(claims.iat == harness.clock.now.unixSeconds)
            #expect(claims.exp == claims.iat + 300)
            #expect(claims.authTime == approvedAt.unixSeconds)
            #expect(claims.email == "admin@example.com")
        }
    }

    @Test func nothingWithheldIsReleased() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            _ = try await harness.giveAdminEmail()
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            // The assertion withheld: identifiers only.
            var started = try await client.startGrant(try subjectRequest(instance), key: instance.key)
            var review = try await client.enterCode(of: started, as: alice)
            _ = try await client.approve(
                review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: ["opaque", "email"]), as: alice)
            var subject = try #require(
                try await client.poll(started, key: instance.key).decode(GrantResponse.self)
                    .subject)
            #expect(subject.assertions == nil)
            #expect(subject.subIDs?.map(\.format) == ["opaque", "email"])
            // The e-mail withheld: neither as an identifier nor inside the ID token.
            started = try await client.startGrant(try subjectRequest(instance), key: instance.key)
            review = try await client.enterCode(of: started, as: alice)
            _ = try await client.approve(
                review.grantID,
                ApprovalRequest(rights: [], subjectFormats: ["opaque"], assertionFormats: ["id_token"]), as: alice)
            let response = try await client.poll(started, key: instance.key).decode(GrantResponse.self)
            #expect(response.accessToken == nil)
            subject = try #require(response.subject)
            #expect(subject.subIDs?.map(\.format) == ["opaque"])
            let token = try #require(subject.assertions?.first?.value)
            let claims = try GNAPJSON.decode(
                IDTokenClaims.self, from: try CompactJWS.verify(token, keys: try await keySet(client)).payload)
            #expect(claims.email == nil)
            #expect(!String(decoding: try CompactJWS.parse(token).payload, as: UTF8.self).contains("@"))
            // Only the assertion released: no identifiers at all.
            started = try await client.startGrant(try subjectRequest(instance), key: instance.key)
            review = try await client.enterCode(of: started, as: alice)
            _ = try await client.approve(
                review.grantID, ApprovalRequest(rights: [], subjectFormats: [], assertionFormats: ["id_token"]),
                as: alice)
            subject = try #require(
                try await client.poll(started, key: instance.key).decode(GrantResponse.self)
                    .subject)
            #expect(subject.subIDs == nil && subject.assertions?.count == 1)
        }
    }

    @Test func assertionFormatsAreValidatedOnApproval() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let started = try await client.startGrant(try instance.request(), key: instance.key)
            let review = try await client.enterCode(of: started, as: alice)
            #expect(review.subject?.assertionFormats == [])
            let reply = try await client.approve(
                review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: [], assertionFormats: ["id_token"]),
                as: alice)
            #expect(reply.status == .badRequest)
            #expect(reply.error?.errorDescription == "assertion format 'id_token' was not requested")
            // An approval body without `assertion_formats` (an older approver terminal) releases none.
            let legacy = try await client.send(
                .post, "/interact/v1/grants/\(review.grantID)/approve",
                content: Array(#"{"rights":["0.0"],"subject_formats":["opaque"]}"#.utf8), key: alice.key,
                profile: .approverAPI)
            #expect(legacy.status == .ok)
        }
    }

    @Test func updatedAtFollowsAccountChanges() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            harness.clock.advance(by: .seconds(3600))
            let changed = try await harness.giveAdminEmail("new@example.com")
            #expect(changed.updatedAt == harness.clock.now && changed.updatedAt != changed.createdAt)
            let started = try await client.startGrant(try subjectRequest(instance), key: instance.key)
            let review = try await client.enterCode(of: started, as: alice)
            _ = try await client.approve(
                review.grantID, ApprovalRequest(rights: [], subjectFormats: ["opaque"]), as: alice)
            let subject = try await client.poll(started, key: instance.key).decode(GrantResponse.self).subject
            #expect(subject?.updatedAt == changed.updatedAt.iso8601)
        }
    }
}
