import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Grant modification (RFC 9635 §5.3, `PATCH` on the continuation URI) through the router.
@Suite("Grant modification endpoint (RFC 9635 §5.3)")
struct ModificationEndpointTests {
    static let dolphins = #"{"access_token": {"access": ["dolphin-metadata"]}}"#
    static let dolphinsAndPhotos =
        #"{"access_token": {"access": ["dolphin-metadata", {"type": "photo-api", "actions": ["read"]}]}}"#

    /// A grant whose rights (default: all) were approved and delivered by the bootstrap admin.
    func delivered(
        _ client: ASHarness.Client, _ harness: ASHarness, rights: [String] = ["0.0", "0.1"],
        instance: TestClientInstance = TestClientInstance(), request: GrantRequest? = nil
    ) async throws -> (TestGrant, TestApprover, GrantResponse) {
        var grant = try await TestGrant.start(client, instance: instance, request: request)
        let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
        try await approver.approve(client, code: grant.userCode, rights: rights, subjectFormats: ["opaque"])
        harness.clock.advance(by: .seconds(5))
        let reply = try await grant.poll(client)
        #expect(reply.status == .ok)
        harness.clock.advance(by: .seconds(5))
        return (grant, approver, try #require(reply.response))
    }

    @Test func tokensComeWithAContinuationAndTheDurableFlag() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let (grant, _, response) = try await delivered(client, harness)
            let token = try #require(response.accessToken?.tokens.first)
            #expect(token.flags == ["durable"])
            #expect(response.continue?.uri == ASHarness.base + grant.path && response.continue?.wait == 5)
            #expect(response.subject?.subIDs?.map(\.format) == ["opaque"])
            // The grant stays approved; a later poll gets nothing new.
            var polling = grant
            let again = try await polling.poll(client)
            #expect(again.status == .ok && again.response?.accessToken == nil && again.response?.continue != nil)
        }
    }

    @Test func lessAccessIsIssuedAtOnceAndEarlierTokensStay() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var (grant, _, first) = try await delivered(client, harness)
            let old = try #require(first.accessToken?.tokens.first)
            let previousToken = grant.token
            let reply = try await grant.modify(client, Self.dolphins)
            #expect(reply.status == .ok)
            #expect(reply.headers[.cacheControl] == "no-store")
            let response = try #require(reply.response)
            #expect(response.interact == nil)
            #expect(response.continue != nil && grant.token != previousToken)
            let token = try #require(response.accessToken?.tokens.first)
            #expect(token.access == [.reference("dolphin-metadata")] && token.value != old.value)
            #expect(token.flags == ["durable"])
            // Unchanged `subject` is released again.
            #expect(response.subject?.subIDs?.map(\.format) == ["opaque"])
            // §5.3: earlier tokens are not altered (durable by default).
            let stored = try #require(try await harness.store.accessToken(hash: Secrets.hash(old.value)))
            #expect(stored.isActive(at: harness.clock.now) && stored.access.count == 2)
            let kinds = try await harness.store.auditEvents(grantID: grant.grantID).map(\.kind)
            #expect(kinds.suffix(2) == ["grant.modified", "tokens.issued"])
            // The presented continuation token was replaced: once the new one is used, it is refused.
            harness.clock.advance(by: .seconds(5))
            #expect(try await grant.poll(client).status == .ok)
            let stale = try await client.send(.post, grant.path, key: grant.instance.key, token: previousToken)
            #expect(stale.status == .unauthorized && stale.error?.code == .invalidContinuation)
        }
    }

    @Test func moreAccessNeedsANewInteraction() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var (grant, approver, first) = try await delivered(client, harness, rights: ["0.0"])
            #expect(first.accessToken?.tokens.first?.access == [.reference("dolphin-metadata")])
            let oldCode = try #require(grant.userCode)
            let reply = try await grant.modify(client, Self.dolphinsAndPhotos)
            #expect(reply.status == .ok)
            let response = try #require(reply.response)
            #expect(response.accessToken == nil && response.subject == nil)
            let interact = try #require(response.interact)
            let newCode = try #require(interact.userCode)
            #expect(newCode != oldCode && interact.userCodeURI?.code == newCode && interact.expiresIn == 600)
            #expect(try await harness.store.grant(id: grant.grantID)?.lifecycle.status == .pending)
            // The old code is gone; polling meanwhile is pending.
            let stale = try await client.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: oldCode), key: approver.key,
                profile: .approverAPI)
            #expect(stale.error?.code == .userCodeUnknown)
            harness.clock.advance(by: .seconds(5))
            let pending = try await grant.poll(client)
            #expect(pending.status == .ok && pending.response?.accessToken == nil)
            // Approving the new interaction delivers the new token on the next poll.
            try await approver.approve(client, code: newCode, rights: ["0.0", "0.1"])
            harness.clock.advance(by: .seconds(5))
            let granted = try await grant.poll(client)
            #expect(granted.tokens.first?.access.count == 2)
            #expect(granted.response?.continue != nil)
            // The first token was not altered.
            let old = try #require(first.accessToken?.tokens.first)
            #expect(try await harness.store.accessToken(hash: Secrets.hash(old.value))?.revokedAt == nil)
            let kinds = try await harness.store.auditEvents(grantID: grant.grantID).map(\.kind)
            #expect(kinds.contains("grant.modified"))
        }
    }

    @Test func aModifiedGrantIsApprovedByTheSameAccount() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var (grant, _, _) = try await delivered(client, harness, rights: ["0.0"])
            _ = try await grant.modify(client, Self.dolphinsAndPhotos)
            let code = try await harness.enrollmentCode(username: "mallory")
            let mallory = try await TestApprover.enroll(client, code: code)
            let entered = try await client.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: try #require(grant.userCode)),
                key: mallory.key, profile: .approverAPI)
            #expect(entered.status == .conflict && entered.error?.code == .userCodeUsed)
            #expect(entered.error?.errorDescription?.contains("another account approved") == true)
        }
    }

    @Test func nonDurableTokensAreRevokedByAModification() async throws {
        let harness = try await ASHarness { $0.durableTokens = .types(["dolphin-metadata"]) }
        try await harness.run { client in
            let instance = TestClientInstance()
            var request = try instance.request()
            request.accessToken = .multiple([
                AccessTokenRequest(access: [.reference("dolphin-metadata")], label: "dolphins"),
                AccessTokenRequest(
                    access: [.object(AccessRightObject(type: "photo-api", actions: ["read"]))], label: "photos"),
            ])
            var (grant, _, first) = try await delivered(
                client, harness, rights: ["0.0", "1.0"], instance: instance, request: request)
            let tokens = try #require(first.accessToken?.tokens)
            #expect(tokens.map(\.flags) == [["durable"], nil])
            let reply = try await grant.modify(
                client, #"{"access_token": [{"label": "dolphins", "access": ["dolphin-metadata"]}]}"#)
            #expect(reply.status == .ok && reply.tokens.count == 1)
            let dolphins = try await harness.store.accessToken(hash: Secrets.hash(tokens[0].value))
            let photos = try await harness.store.accessToken(hash: Secrets.hash(tokens[1].value))
            #expect(dolphins?.revokedAt == nil)
            #expect(photos?.revokedAt == harness.clock.now)
            let events = try await harness.store.auditEvents(grantID: grant.grantID)
            #expect(events.contains { $0.kind == "token.revoked" && $0.detail.contains(photos?.id ?? "-") })
        }
    }

    @Test func noTokenSurvivesWhenNoneIsDurable() async throws {
        let harness = try await ASHarness { $0.durableTokens = .none }
        try await harness.run { client in
            var (grant, _, first) = try await delivered(client, harness, rights: ["0.0"])
            let old = try #require(first.accessToken?.tokens.first)
            #expect(old.flags == nil)
            // Even a modification that needs a new interaction revokes it.
            let reply = try await grant.modify(client, Self.dolphinsAndPhotos)
            #expect(reply.response?.interact != nil)
            #expect(try await harness.store.accessToken(hash: Secrets.hash(old.value))?.revokedAt != nil)
        }
    }

    @Test func malformedModificationsAreRefusedWithoutSpendingTheToken() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var (grant, _, _) = try await delivered(client, harness)
            let refused: [(String, HTTPResponse.Status, GNAPError.Code, String)] = [
                (#"{"client": "abc", "access_token": {"access": ["x"]}}"#, .badRequest, .invalidRequest, "'client'"),
                (#"{"interact_ref": "abc"}"#, .badRequest, .invalidRequest, "interact_ref"),
                ("", .badRequest, .invalidRequest, "JSON object"),
                ("[1]", .badRequest, .invalidRequest, "JSON object"),
                (#"{"access_token": null}"#, .badRequest, .invalidRequest, "null"),
                (#"{"unknown": 1}"#, .badRequest, .invalidRequest, "at least one of"),
                (#"{"access_token": {"access": []}}"#, .badRequest, .invalidRequest, "must not be empty"),
                (#"{"access_token": {"access": 3}}"#, .badRequest, .invalidRequest, "access_token.access"),
                (#"{"access_token": {"access": ["x"], "flags": ["durable"]}}"#, .badRequest, .invalidFlag, "durable"),
                (#"{"access_token": {"access": ["x"], "flags": ["bearer"]}}"#, .badRequest, .invalidFlag, "bearer"),
                (#"{"interact": {"start": ["carrier-pigeon"]}}"#, .badRequest, .invalidInteraction, "start mode"),
                (#"{"subject": {}}"#, .badRequest, .invalidRequest, "subject"),
            ]
            for (body, status, code, mention) in refused {
                let reply = try await grant.modify(client, body)
                #expect(reply.status == status && reply.error?.code == code, "\(body)")
                #expect(reply.error?.errorDescription?.contains(mention) == true, "\(body): \(reply.error!)")
            }
            let noToken = try await client.send(
                .patch, grant.path, content: Array(Self.dolphins.utf8), key: grant.instance.key)
            #expect(noToken.status == .unauthorized && noToken.error?.code == .invalidContinuation)
            let wrongToken = try await client.send(
                .patch, grant.path, content: Array(Self.dolphins.utf8), key: grant.instance.key,
                token: Secrets.token())
            #expect(wrongToken.status == .unauthorized && wrongToken.error?.code == .invalidContinuation)
            let thief = TestClientInstance()
            let otherKey = try await client.send(
                .patch, grant.path, content: Array(Self.dolphins.utf8), key: thief.key, token: grant.token)
            #expect(otherKey.status == .unauthorized && otherKey.error?.code == .invalidClient)
            // None of these consumed the token.
            let reply = try await grant.modify(client, Self.dolphins)
            #expect(reply.status == .ok && reply.tokens.count == 1)
            // Too early now: `too_fast` with a new continuation.
            let early = try await grant.modify(client, Self.dolphins)
            #expect(early.status == .tooManyRequests && early.error?.code == .tooFast)
            #expect(early.response?.continue != nil)
        }
    }

    @Test func userInformationMustBeConsistent() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var (grant, _, _) = try await delivered(client, harness)
            let stranger = try await grant.modify(
                client, #"{"user": {"sub_ids": [{"format": "opaque", "id": "someone-else"}]}}"#)
            #expect(stranger.status == .badRequest && stranger.error?.code == .unknownUser)
            let admin = try #require(try await harness.store.account(username: "admin"))
            let same = try await grant.modify(
                client, #"{"user": {"sub_ids": [{"format": "opaque", "id": "\#(admin.opaqueSubject)"}]}}"#)
            #expect(same.status == .ok && same.tokens.count == 1)
        }
    }

    @Test func deniedGrantsAnswerTheDenial() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var grant = try await TestGrant.start(client)
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let entered = try await client.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: try #require(grant.userCode)),
                key: approver.key, profile: .approverAPI)
            let review = try entered.decode(InteractionReview.self)
            _ = try await client.send(
                .post, "/interact/v1/grants/\(review.grantID)/deny", json: DenialRequest(reason: "no"),
                key: approver.key, profile: .approverAPI)
            harness.clock.advance(by: .seconds(5))
            let denied = try await grant.modify(client, Self.dolphins)
            #expect(denied.status == .forbidden && denied.error?.code == .userDenied)
            // The client may have lost that answer: it is told the same once more, then the grant is finished.
            let repeated = try await grant.modify(client, Self.dolphins)
            #expect(repeated.status == .forbidden && repeated.error?.code == .userDenied)
            let finished = try await grant.modify(client, Self.dolphins)
            #expect(finished.status == .unauthorized && finished.error?.code == .invalidContinuation)
        }
    }
}
