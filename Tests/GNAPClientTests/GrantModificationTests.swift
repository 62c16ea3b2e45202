import GNAP
import GNAPClient
import GNAPServer
import HTTPMessageSignatures
import Testing

/// `GrantClient.modify` (RFC 9635 §5.3) and `GrantClient.cancel` (§5.4) against a real AS over HTTP.
@Suite("Grant modification and cancellation", .serialized)
struct GrantModificationTests {
    static let dolphins = AccessTokenRequest(access: [.reference("dolphin-metadata")])

    /// A grant for `.photosAndDolphins`, approved for `rights` by the bootstrap admin and polled to its tokens.
    func approved(_ server: LiveServer, rights: [String] = ["0.0", "0.1", "0.2"], flags: [String]? = nil)
        async throws -> (GrantClient, InteractionClient, GrantResponse)
    {
        let client = server.grantClient()
        let flow = DeviceFlow(client: client, clock: server.clock)
        var token = AccessTokenRequest.photosAndDolphins
        token.flags = flags
        let response = try await client.request(
            try flow.grantRequest(access: [token], display: nil), endpoint: server.base + "/gnap")
        let approver = try await server.enrolledApprover()
        let review = try await approver.enterCode(try UserCode(parsing: try #require(response.interact?.userCode)))
        _ = try await approver.approve(grantID: review.grantID, ApprovalRequest(rights: rights, subjectFormats: []))
        server.clock.advance(by: .seconds(5))
        let granted = try await client.poll(try #require(response.continue))
        #expect(granted.accessToken != nil && granted.continue != nil)
        server.clock.advance(by: .seconds(5))
        return (client, approver, granted)
    }

    @Test func lessAccessGivesNewTokensAtOnce() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let (client, _, granted) = try await approved(server)
        let modified = try await client.modify(
            continuation: try #require(granted.continue), request: GrantRequest(accessToken: .single(Self.dolphins)))
        let token = try #require(modified.accessToken?.tokens.first)
        #expect(token.access == [.reference("dolphin-metadata")])
        #expect(token.flags == ["durable"])
        #expect(modified.interact == nil && modified.continue != nil)
        // The first token still works: it can be rotated.
        let first = try #require(granted.accessToken?.tokens.first?.manage)
        #expect(try await client.rotateToken(first).access.count == 3)
    }

    @Test func moreAccessNeedsApprovalAgain() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let (client, approver, granted) = try await approved(server, rights: ["0.1"])
        #expect(granted.accessToken?.tokens.first?.access == [.reference("dolphin-metadata")])
        let modified = try await client.modify(
            continuation: try #require(granted.continue),
            request: GrantRequest(accessToken: .single(.photosAndDolphins)))
        #expect(modified.accessToken == nil)
        let code = try #require(modified.interact?.userCode)
        let review = try await approver.enterCode(try UserCode(parsing: code))
        #expect(review.tokens.first?.rights.count == 3)
        _ = try await approver.approve(
            grantID: review.grantID, ApprovalRequest(rights: ["0.0", "0.1", "0.2"], subjectFormats: []))
        server.clock.advance(by: .seconds(5))
        let regranted = try await client.poll(try #require(modified.continue))
        #expect(regranted.accessToken?.tokens.first?.access == AccessTokenRequest.photosAndDolphins.access)
    }

    @Test func cancellationRevokesTheTokensAndEndsTheGrant() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let (client, _, granted) = try await approved(server)
        let continuation = try #require(granted.continue)
        try await client.cancel(continuation: continuation)
        let manage = try #require(granted.accessToken?.tokens.first?.manage)
        await #expect(throws: GNAPClientError.self) { try await client.rotateToken(manage) }
        do {
            _ = try await client.poll(continuation)
            Issue.record("a cancelled grant must not continue")
        } catch {
            #expect(error.gnapError?.code == .invalidContinuation)
        }
        do {
            try await client.cancel(continuation: continuation)
            Issue.record("a cancelled grant cannot be cancelled again")
        } catch {
            #expect(error.gnapError?.code == .invalidContinuation)
        }
    }

    @Test func nonDurableTokensStopWorkingAfterAModification() async throws {
        let server = try await LiveServer.start { $0.durableTokens = .none }
        defer { Task { await server.stop() } }
        let (client, _, granted) = try await approved(server)
        #expect(granted.accessToken?.tokens.first?.flags == nil)
        _ = try await client.modify(
            continuation: try #require(granted.continue), request: GrantRequest(accessToken: .single(Self.dolphins)))
        let manage = try #require(granted.accessToken?.tokens.first?.manage)
        do {
            _ = try await client.rotateToken(manage)
            Issue.record("a non-durable token must be revoked by the modification")
        } catch {
            #expect(error.gnapError?.code == .invalidRotation)
        }
    }

    @Test func aModificationCannotNameTheClient() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let client = server.grantClient()
        let continuation = ContinueResponse(
            uri: server.base + "/gnap/continue/x", wait: 5, accessToken: TokenValue(value: "t"))
        do {
            _ = try await client.modify(
                continuation: continuation,
                request: GrantRequest(
                    accessToken: .single(Self.dolphins), client: .reference("some-instance")))
            Issue.record("'client' must be refused before sending")
        } catch {
            #expect(error.description == "not sent: a modification must not include 'client' (RFC 9635 §5.3)")
        }
    }

    @Test func bearerTokensAreManagedByTheInstanceAndHaveNoKeyToRotate() async throws {
        let server = try await LiveServer.start { $0.requestPolicy.allowsBearerTokens = true }
        defer { Task { await server.stop() } }
        let (client, _, granted) = try await approved(server, flags: ["bearer"])
        let token = try #require(granted.accessToken?.tokens.first)
        #expect(token.flags == ["bearer", "durable"] && token.key == nil)
        let manage = try #require(token.manage)
        do {
            _ = try await client.rotateToken(manage, newKey: .generateEd25519(keyID: "new"))
            Issue.record("a bearer token has no key to rotate")
        } catch {
            #expect(error.gnapError?.code == .invalidRotation)
        }
        let rotated = try await client.rotateToken(manage)
        #expect(rotated.flags == ["bearer", "durable"])
        try await client.revokeToken(try #require(rotated.manage))
    }
}
