import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// The steps of a grant, from request to continuation, for tests that need to get past approval.
extension ASHarness.Client {
    func startGrant(_ request: GrantRequest, key: SigningKey) async throws -> GrantResponse {
        let reply = try await send(.post, "/gnap", json: request, key: key)
        #expect(reply.status == .ok, "grant request refused: \(String(describing: reply.error))")
        return try reply.decode(GrantResponse.self)
    }

    func enterCode(of response: GrantResponse, as approver: TestApprover) async throws -> InteractionReview {
        let code = try #require(response.interact?.userCode)
        return try await send(
            .post, "/interact/v1/code", json: CodeEntryRequest(userCode: code), key: approver.key,
            profile: .approverAPI
        ).decode(InteractionReview.self)
    }

    func approve(_ grantID: String, _ request: ApprovalRequest, as approver: TestApprover) async throws -> Reply {
        try await send(
            .post, "/interact/v1/grants/\(grantID)/approve", json: request, key: approver.key, profile: .approverAPI)
    }

    /// Waits the continuation's `wait` on the manual clock and calls the continuation URI.
    func poll(_ response: GrantResponse, key: SigningKey) async throws -> Reply {
        let continuation = try #require(response.continue)
        clock.advance(by: .seconds(continuation.wait ?? 5))
        return try await send(
            .post, String(continuation.uri.dropFirst(ASHarness.base.count)), key: key,
            token: continuation.accessToken.value)
    }
}

extension ASHarness {
    /// Gives the bootstrap admin an e-mail address (it has none) and returns the account.
    func giveAdminEmail(_ email: String = "admin@example.com") async throws -> Account {
        let admin = try #require(try await store.account(username: "admin"))
        return try await store.updateAccount(id: admin.id, at: clock.now) { $0.email = email }
    }
}
