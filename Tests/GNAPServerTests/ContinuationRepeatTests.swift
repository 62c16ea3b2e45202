import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// A client whose continuation answer was lost repeats the call with the continuation token it presented (the
/// previous token): the AS accepts that once, with a new token; if the lost answer issued access tokens, those are
/// revoked and fresh ones issued, in the same transaction, with audit entries (docs/decisions.md).
@Suite("Repeating a continuation call whose answer was lost")
struct ContinuationRepeatTests {
    /// A grant approved for the first right, ready to deliver at its next poll.
    static func approved(_ client: ASHarness.Client, _ harness: ASHarness) async throws -> TestGrant {
        let grant = try await TestGrant.start(client)
        let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
        try await approver.approve(client, code: grant.userCode, rights: ["0.0"])
        harness.clock.advance(by: .seconds(5))
        return grant
    }

    func call(_ client: ASHarness.Client, _ grant: TestGrant, token: String, content: [UInt8] = [])
        async throws -> ASHarness.Client.Reply
    {
        try await client.send(.post, grant.path, content: content, key: grant.instance.key, token: token)
    }

    @Test func aRepeatAfterALostDeliveryYieldsUsableTokensAndRevokesTheLostOnes() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let grant = try await Self.approved(client, harness)
            // The answer to this call is lost on its way back.
            let lost = try await call(client, grant, token: grant.token)
            let lostToken = try #require(lost.tokens.first)
            let lostContinuation = try #require(lost.response?.continue)
            // The client repeats it at once with the token it has.
            let repeated = try await call(client, grant, token: grant.token)
            #expect(repeated.status == .ok, "\(String(describing: repeated.error))")
            let fresh = try #require(repeated.tokens.first)
            #expect(fresh.value != lostToken.value && fresh.access == lostToken.access)
            let store = harness.store
            let now = harness.clock.now
            #expect(try await store.accessToken(hash: Secrets.hash(lostToken.value))?.revokedAt != nil)
            #expect(try await store.accessToken(hash: Secrets.hash(fresh.value))?.isActive(at: now) == true)
            // The lost answer's continuation token never reached the client: it does not work.
            harness.clock.advance(by: .seconds(5))
            let stranded = try await call(client, grant, token: lostContinuation.accessToken.value)
            #expect(stranded.status == .unauthorized && stranded.error?.code == .invalidContinuation)
            // The repeat's continuation does.
            let next = try #require(repeated.response?.continue)
            let onward = try await call(client, grant, token: next.accessToken.value)
            #expect(onward.status == .ok && onward.tokens.isEmpty)
            let kinds = try await store.auditEvents(grantID: grant.grantID).map(\.kind)
            #expect(kinds.contains("continuation.repeated"))
            #expect(kinds.filter { $0 == "tokens.issued" }.count == 2)
            #expect(kinds.filter { $0 == "token.revoked" }.count == 1)
            #expect(try await store.accessTokens(grantID: grant.grantID).filter { $0.revokedAt == nil }.count == 1)
        }
    }

    @Test func theOldTokenWorksOnlyOnce() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let grant = try await Self.approved(client, harness)
            _ = try await call(client, grant, token: grant.token)
            let repeated = try await call(client, grant, token: grant.token)
            #expect(repeated.status == .ok)
            let again = try await call(client, grant, token: grant.token)
            #expect(again.status == .unauthorized && again.error?.code == .invalidContinuation)
            // The refused second repeat changed nothing: the first repeat's tokens stay active.
            let fresh = try #require(repeated.tokens.first)
            let stored = try await harness.store.accessToken(hash: Secrets.hash(fresh.value))
            #expect(stored?.isActive(at: harness.clock.now) == true)
        }
    }

    @Test func theOldTokenIsRefusedOnceTheNewOneWasUsed() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var grant = try await TestGrant.start(client)
            let first = grant.token
            harness.clock.advance(by: .seconds(5))
            #expect(try await grant.poll(client).status == .ok)
            let second = grant.token
            harness.clock.advance(by: .seconds(5))
            #expect(try await grant.poll(client).status == .ok)
            harness.clock.advance(by: .seconds(5))
            let stale = try await call(client, grant, token: first)
            #expect(stale.status == .unauthorized && stale.error?.code == .invalidContinuation)
            // The token just before the current one may still repeat the last call, once.
            let repeated = try await call(client, grant, token: second)
            #expect(repeated.status == .ok && repeated.response?.continue != nil)
        }
    }

    /// A lost pending answer: the repeat is answered as pending with a working token, and is not `too_fast` even
    /// though it comes right after the lost call.
    @Test func aRepeatOfAPendingAnswerContinuesThePolling() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let grant = try await TestGrant.start(client)
            harness.clock.advance(by: .seconds(5))
            let lost = try await call(client, grant, token: grant.token)
            #expect(lost.status == .ok && lost.response?.continue != nil)
            let repeated = try await call(client, grant, token: grant.token)
            #expect(repeated.status == .ok, "\(String(describing: repeated.error))")
            let next = try #require(repeated.response?.continue)
            harness.clock.advance(by: .seconds(5))
            #expect(try await call(client, grant, token: next.accessToken.value).status == .ok)
        }
    }

    /// A grant decided since the lost answer stays decided: a repeat after the approval was revoked issues nothing.
    @Test func aRepeatDoesNotUndoALaterRevocation() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let grant = try await Self.approved(client, harness)
            let lost = try await call(client, grant, token: grant.token)
            #expect(lost.tokens.count == 1)
            let admin = try await TestApprover.enroll(client, code: try await harness.adminEnrollmentCode())
            let revoked = try await client.send(
                .post, "/admin/v1/grants/\(grant.grantID)/revoke", json: ["reason": "lost laptop"], key: admin.key,
                profile: .approverAPI)
            #expect(revoked.status == .ok)
            let repeated = try await call(client, grant, token: grant.token)
            #expect(repeated.tokens.isEmpty)
            let active = try await harness.store.accessTokens(grantID: grant.grantID).filter { $0.revokedAt == nil }
            #expect(active.isEmpty)
        }
    }
}
