import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// One client's grant on the harness AS: created, approved by an enrolled approver, continued. Every answer that
/// carries `continue` replaces the continuation, as a real client does.
struct TestGrant {
    let instance: TestClientInstance
    var continuation: ContinueResponse
    var userCode: String?

    var path: String { String(continuation.uri.dropFirst(ASHarness.base.count)) }
    var token: String { continuation.accessToken.value }
    var grantID: String { String(path.split(separator: "/").last ?? "") }

    static func start(
        _ client: ASHarness.Client, instance: TestClientInstance = TestClientInstance(), request: GrantRequest? = nil
    ) async throws -> TestGrant {
        let reply = try await client.send(.post, "/gnap", json: try request ?? instance.request(), key: instance.key)
        let response = try reply.decode(GrantResponse.self)
        return TestGrant(
            instance: instance, continuation: try #require(response.continue), userCode: response.interact?.userCode)
    }

    mutating func poll(_ client: ASHarness.Client) async throws -> ASHarness.Client.Reply {
        try await call(.post, client, content: [])
    }

    mutating func modify(_ client: ASHarness.Client, _ json: String) async throws -> ASHarness.Client.Reply {
        try await call(.patch, client, content: Array(json.utf8))
    }

    mutating func modify(_ client: ASHarness.Client, _ request: GrantRequest) async throws -> ASHarness.Client.Reply {
        try await call(.patch, client, content: try GNAPJSON.encode(request))
    }

    func cancel(_ client: ASHarness.Client) async throws -> ASHarness.Client.Reply {
        try await client.send(.delete, path, key: instance.key, token: token)
    }

    private mutating func call(_ method: HTTPRequest.Method, _ client: ASHarness.Client, content: [UInt8])
        async throws -> ASHarness.Client.Reply
    {
        let reply = try await client.send(method, path, content: content, key: instance.key, token: token)
        if let next = try? reply.decode(GrantResponse.self).continue {
            continuation = next
            if let code = try? reply.decode(GrantResponse.self).interact?.userCode { userCode = code }
        }
        return reply
    }
}

extension TestApprover {
    /// Enters `code` and approves the given rights ("token.right") and subject formats.
    func approve(
        _ client: ASHarness.Client, code: String?, rights: [String], subjectFormats: [String] = [],
        assertionFormats: [String] = []
    ) async throws {
        let entered = try await client.send(
            .post, "/interact/v1/code", json: CodeEntryRequest(userCode: try #require(code)), key: key,
            profile: .approverAPI)
        let review = try entered.decode(InteractionReview.self)
        let approved = try await client.send(
            .post, "/interact/v1/grants/\(review.grantID)/approve",
            json: ApprovalRequest(rights: rights, subjectFormats: subjectFormats, assertionFormats: assertionFormats),
            key: key, profile: .approverAPI)
        #expect(approved.status == .ok)
    }
}

extension ASHarness.Client.Reply {
    var response: GrantResponse? { try? decode(GrantResponse.self) }
    var tokens: [AccessTokenResponse] { response?.accessToken?.tokens ?? [] }
}

extension ASHarness {
    /// A new account with a one-time enrollment code for its first approver device.
    func enrollmentCode(username: String) async throws -> String {
        let account = Account(
            id: Secrets.identifier(), username: username, displayName: username, role: .user,
            opaqueSubject: Secrets.identifier(), email: nil, createdAt: clock.now)
        try await store.insertAccount(account)
        return try await enrollmentCode(accountID: account.id)
    }

    /// A one-time enrollment code for another approver device of the bootstrap admin.
    func adminEnrollmentCode() async throws -> String {
        try await enrollmentCode(accountID: try #require(try await store.account(username: "admin")).id)
    }

    private func enrollmentCode(accountID: String) async throws -> String {
        let code = EnrollmentCode.generate()
        try await store.insertEnrollmentCode(
            EnrollmentCodeRecord(
                codeHash: Secrets.hash(code.normalized), accountID: accountID, createdAt: clock.now,
                expiresAt: clock.now.advanced(by: .seconds(600))))
        return code.display
    }
}
