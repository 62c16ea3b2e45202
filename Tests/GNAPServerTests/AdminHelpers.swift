import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

extension ASHarness {
    /// Creates an account with `role` and enrolls a device for it.
    func enroll(_ client: Client, username: String, role: Account.Role = .user) async throws -> TestApprover {
        let account = Account(
            id: Secrets.identifier(), username: username, displayName: username.capitalized, role: role,
            opaqueSubject: Secrets.identifier(), email: "\(username)@example.com", createdAt: clock.now)
        try await store.insertAccount(account)
        let code = EnrollmentCode.generate()
        try await store.insertEnrollmentCode(
            EnrollmentCodeRecord(
                codeHash: Secrets.hash(code.normalized), accountID: account.id, createdAt: clock.now,
                expiresAt: clock.now.advanced(by: .seconds(60))))
        return try await TestApprover.enroll(client, code: code.display)
    }

    /// A grant approved by `approver` whose tokens the client holds; returns the grant id and the poll answer.
    func issuedGrant(_ client: Client, approver: TestApprover) async throws -> (
        grantID: String, response: GrantResponse
    ) {
        let instance = TestClientInstance()
        let started = try await client.startGrant(try instance.request(), key: instance.key)
        let review = try await client.enterCode(of: started, as: approver)
        let approved = try await client.approve(
            review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: ["opaque"]), as: approver)
        #expect(approved.status == .ok)
        let polled = try await client.poll(started, key: instance.key)
        return (review.grantID, try polled.decode(GrantResponse.self))
    }
}

extension ASHarness.Client {
    /// An approver-API call (admin or interaction) signed by `approver`'s device key.
    func call(
        _ method: HTTPRequest.Method, _ path: String, json: (some Encodable)? = NoBody?.none, as approver: TestApprover
    ) async throws -> Reply {
        let content = try json.map { try GNAPJSON.encode($0) } ?? []
        return try await send(method, path, content: content, key: approver.key, profile: .approverAPI)
    }
}

struct NoBody: Codable {}
