import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Subject information (RFC 9635 §2.2, §2.4, §3.4) across a grant modification (§5.3).
@Suite("Grant modification and subject information")
struct ModificationSubjectTests {
    /// A grant asking for the opaque identifier and an `id_token`, both released with the first right, delivered.
    func delivered(_ client: ASHarness.Client, _ harness: ASHarness) async throws -> (TestGrant, WallInstant) {
        let instance = TestClientInstance()
        var request = try instance.request()
        request.subject = SubjectRequest(subIDFormats: ["opaque"], assertionFormats: ["id_token"])
        var grant = try await TestGrant.start(client, instance: instance, request: request)
        let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
        try await approver.approve(
            client, code: grant.userCode, rights: ["0.0"], subjectFormats: ["opaque"], assertionFormats: ["id_token"])
        let approvedAt = harness.clock.now
        harness.clock.advance(by: .seconds(5))
        let first = try await grant.poll(client)
        #expect(first.response?.subject?.assertions?.first?.format == "id_token")
        harness.clock.advance(by: .seconds(5))
        return (grant, approvedAt)
    }

    @Test func anAssertionReleasedBeforeIsReleasedAgainWithTheOriginalAuthTime() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var (grant, approvedAt) = try await delivered(client, harness)
            let reply = try await grant.modify(client, ModificationEndpointTests.dolphins)
            #expect(reply.status == .ok && reply.tokens.count == 1)
            let subject = try #require(reply.response?.subject)
            #expect(subject.subIDs?.map(\.format) == ["opaque"])
            let assertion = try #require(subject.assertions?.first)
            let keys = try await client.send(.get, "/.well-known/jwks.json").decode(JWKSet.self).keys
            let claims = try GNAPJSON.decode(
                IDTokenClaims.self, from: try CompactJWS.verify(assertion.value, keys: keys).payload)
            // §3.4.1: a fresh assertion about the same authentication, which was the approval.
            #expect(claims.iat == harness.clock.now.unixSeconds && claims.authTime == approvedAt.unixSeconds)
        }
    }

    @Test func askingForAnAssertionNotReleasedNeedsANewInteraction() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var grant = try await TestGrant.start(client)
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            try await approver.approve(
                client, code: grant.userCode, rights: ["0.0", "0.1"], subjectFormats: ["opaque"])
            harness.clock.advance(by: .seconds(5))
            _ = try await grant.poll(client)
            harness.clock.advance(by: .seconds(5))
            let reply = try await grant.modify(
                client, #"{"subject": {"sub_id_formats": ["opaque"], "assertion_formats": ["id_token"]}}"#)
            #expect(reply.status == .ok && reply.response?.interact?.userCode != nil)
            #expect(reply.response?.subject == nil && reply.tokens.isEmpty)
        }
    }

    @Test func aUserReferenceMustNameTheApprovingAccount() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var grant = try await TestGrant.start(client)
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            try await approver.approve(
                client, code: grant.userCode, rights: ["0.0", "0.1"], subjectFormats: ["opaque"])
            harness.clock.advance(by: .seconds(5))
            _ = try await grant.poll(client)
            harness.clock.advance(by: .seconds(5))
            // Unknown to the AS (§2.4.1).
            let unknown = try await grant.modify(client, #"{"user": "no-such-user"}"#)
            #expect(unknown.status == .badRequest && unknown.error?.code == .unknownUser)
            // Known, but another account than the one that approved.
            _ = try await harness.enrollmentCode(username: "mallory")
            let mallory = try #require(try await harness.store.account(username: "mallory"))
            let other = try await grant.modify(client, #"{"user": "\#(mallory.opaqueSubject)"}"#)
            #expect(other.status == .badRequest && other.error?.code == .unknownUser)
            #expect(other.error?.errorDescription?.contains("not the account that approved this grant") == true)
            // The approving account itself.
            let admin = try #require(try await harness.store.account(username: "admin"))
            let same = try await grant.modify(client, #"{"user": "\#(admin.opaqueSubject)"}"#)
            #expect(same.status == .ok && same.tokens.count == 1, "\(String(decoding: same.body, as: UTF8.self))")
            let record = try #require(try await harness.store.grant(id: grant.grantID))
            #expect(record.requestedUser?.reference == admin.opaqueSubject)
        }
    }
}
