import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// RFC 9635 §1.6.4 software-only authorization: a registered client's standing access from `--clients`.
@Suite("Standing access")
struct StandingAccessTests {
    @Test func aRequestWithinStandingAccessGetsItsTokensWithNoPerson() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            let photos = AccessRight.object(AccessRightObject(type: "photo-api", actions: ["read"]))
            let reply = try await client.send(
                .post, "/gnap", json: AsyncHarness.request("backup-job", for: nil, access: [photos]),
                key: fixture.backup.key)
            #expect(reply.status == .ok, "\(String(describing: reply.error))")
            let token = try #require(reply.tokens.first)
            #expect(token.access == [photos])
            #expect(reply.response?.interact == nil && reply.response?.continue != nil)
            let grantID = AsynchronousRequestTests.grantID(reply.response)
            let approval = try #require(try await harness.audit(.grantApprovedByPolicy).first)
            #expect(approval.grantID == grantID && approval.detail.contains("client backup-job"))
            // The admin lists it as granted by policy, and can revoke it.
            var byPolicy = GrantQuery()
            byPolicy.via = .policy
            #expect(try await harness.store.grants(byPolicy).grants.map(\.id) == [grantID])
            byPolicy.via = .inbox
            #expect(try await harness.store.grants(byPolicy).grants.isEmpty)
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let listed = try await client.call(.get, "/admin/v1/grants?via=policy", as: admin)
            #expect(listed.status == .ok)
            #expect(String(decoding: listed.body, as: UTF8.self).contains(grantID))
            let revoked = try await client.call(
                .post, "/admin/v1/grants/\(grantID)/revoke", json: ReasonRequest(reason: "rotated"), as: admin)
            #expect(revoked.status == .ok)
            #expect(try await harness.audit(.grantRevoked).map(\.grantID) == [grantID])
        }
    }

    @Test func aRequestBeyondStandingAccessIsNotGranted() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            func ask(_ access: [AccessRight], subject: Bool = false, bearer: Bool = false) async throws
                -> ASHarness.Client.Reply
            {
                var request = AsyncHarness.request("backup-job", for: nil, access: access)
                if bearer { request.accessToken = .single(AccessTokenRequest(access: access, flags: ["bearer"])) }
                if subject { request.subject = SubjectRequest(subIDFormats: ["opaque"]) }
                return try await client.send(.post, "/gnap", json: request, key: fixture.backup.key)
            }
            let write = try await ask([.object(AccessRightObject(type: "photo-api", actions: ["write"]))])
            #expect(write.error?.code == .invalidInteraction && write.tokens.isEmpty)
            #expect(write.error?.errorDescription?.contains("more than this client's standing access") == true)
            let photos = AccessRight.object(AccessRightObject(type: "photo-api", actions: ["read"]))
            // Subject information is only a person's to release; a bearer token is more than a key-bound one.
            #expect(try await ask([photos], subject: true).tokens.isEmpty)
            #expect(try await ask([photos], bearer: true).tokens.isEmpty)
            // With interact it falls back to a person's approval.
            var interactive = AsyncHarness.request(
                "backup-job", for: nil, access: [.reference("dolphin-metadata")],
                interact: InteractRequest(start: ["user_code"]))
            interactive.subject = nil
            let fallback = try await client.startGrant(interactive, key: fixture.backup.key)
            #expect(fallback.interact?.userCode != nil && fallback.accessToken == nil)
            #expect(try await harness.audit(.grantApprovedByPolicy).isEmpty)
        }
    }
}
