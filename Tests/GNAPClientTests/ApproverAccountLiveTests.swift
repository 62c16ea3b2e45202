import Foundation
import GNAP
import GNAPClient
import GNAPServer
import HTTPMessageSignatures
import Testing

@Suite("Approver records and admin client, live")
struct ApproverAccountLiveTests {
    @Test func anApproverRevokesAGrantAndItsTokenStopsWorkingAtOnce() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let key = SigningKey.generateEd25519(keyID: "device")
        let client = server.grantClient(key: key)
        let request = GrantRequest(
            accessToken: .single(.photosAndDolphins),
            client: .value(ClientInstanceValue(key: try client.clientKey(), display: ClientDisplay(name: "TV"))),
            interact: InteractRequest(start: ["user_code"]))
        let started = try await client.request(request, endpoint: server.base + "/gnap")
        let code = try #require(started.interact?.userCode)
        let review = try await approver.enterCode(try UserCode(parsing: code))
        _ = try await approver.approve(grantID: review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []))
        server.clock.advance(by: .seconds(5))
        let continuation = try #require(started.continue)
        let polled = try await client.poll(continuation)
        let token = try #require(polled.accessToken?.tokens.first)
        let manage = try #require(token.manage)
        #expect(try await approver.activeGrants().grants.map(\.id) == [review.grantID])
        #expect(try await approver.decisions().grants.map(\.id) == [review.grantID])
        let revoked = try await approver.revoke(grantID: review.grantID, reason: "done with the TV")
        #expect(revoked.state == "finalized")
        #expect(try await approver.activeGrants().grants.isEmpty)
        // The client can no longer use or rotate the token.
        await #expect(throws: GNAPClientError.self) { try await client.rotateToken(manage) }
        // An admin sees the same through AdminClient, with the revocation in the history.
        let admin = AdminClient(
            transport: server.transport, key: approver.client.key, server: server.base, clock: server.clock)
        let detail = try await admin.grant(id: review.grantID)
        #expect(detail.history.map(\.kind).suffix(3) == ["tokens.issued", "grant.revoked", "token.revoked"])
        #expect(try await admin.counts().byOutcome["issued"] == 1)
        let devices = try await approver.devices()
        #expect(devices.count == 1 && devices[0].lastSeenAt != nil)
        _ = try await approver.revokeDevice(id: devices[0].id)
        await #expect(throws: GNAPClientError.self) { try await approver.devices() }
    }
}
