import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Interaction finish (RFC 9635 §2.5.2, §3.3.5, §4.2) and continuation with the interaction reference (§5.1).
@Suite("Interaction finish and interact_ref")
struct InteractionFinishTests {
    static let clientNonce = "LKLTI25DK82FX4T4QFZC"

    /// A grant with a finish method, opened and approved (or denied) by a fresh approver.
    struct Finished {
        var response: GrantResponse
        var instance: TestClientInstance
        var decision: DecisionResponse
        var continuation: ContinueResponse { response.continue! }
        var path: String { String(continuation.uri.dropFirst(ASHarness.base.count)) }
    }

    static func finished(
        _ harness: ASHarness, _ client: ASHarness.Client, method: String, uri: String, hashMethod: String? = nil,
        deny: Bool = false, approver: TestApprover? = nil
    ) async throws -> Finished {
        var alice = approver
        if alice == nil { alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display) }
        let approver = try #require(alice)
        let instance = TestClientInstance()
        let response = try await InteractionURLTests.start(
            client, modes: ["redirect"],
            finish: InteractFinish(method: method, uri: uri, nonce: clientNonce, hashMethod: hashMethod),
            instance: instance)
        #expect(response.interact?.finish?.isEmpty == false)
        let review = try await InteractionURLTests.open(client, response.interact!.redirect!, as: approver)
            .decode(InteractionReview.self)
        #expect(review.finish == FinishReview(method: FinishMethod(rawValue: method)!, uri: uri))
        let decision =
            deny
            ? try await client.send(
                .post, "/interact/v1/grants/\(review.grantID)/deny", json: DenialRequest(reason: "not me"),
                key: approver.key, profile: .approverAPI)
            : try await client.send(
                .post, "/interact/v1/grants/\(review.grantID)/approve",
                json: ApprovalRequest(rights: ["0.0", "0.1"], subjectFormats: ["opaque"]), key: approver.key,
                profile: .approverAPI)
        #expect(decision.status == .ok)
        return Finished(response: response, instance: instance, decision: try decision.decode(DecisionResponse.self))
    }

    static func expectedHash(_ finished: Finished, interactRef: String, method: String = "sha-256") throws -> String {
        InteractionHash(
            clientNonce: clientNonce, serverNonce: finished.response.interact!.finish!, interactRef: interactRef,
            grantEndpoint: ASHarness.base + "/gnap", method: try InteractionHashMethod(name: method)
        ).value
    }

    func continueWith(
        _ client: ASHarness.Client, _ finished: Finished, ref: String, token: String? = nil
    ) async throws -> ASHarness.Client.Reply {
        try await client.send(
            .post, finished.path, json: ["interact_ref": ref], key: finished.instance.key,
            token: token ?? finished.continuation.accessToken.value)
    }

    @Test func redirectFinishGivesTheApproverTheClientURLWithHashAndReference() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let finished = try await Self.finished(
                harness, client, method: "redirect", uri: "https://client.example.net/return/123455?state=x",
                hashMethod: "sha-512")
            let notice = try #require(finished.decision.finish)
            #expect(notice.method == .redirect && notice.delivery == nil)
            #expect(notice.uri.hasPrefix("https://client.example.net/return/123455?state=x&hash="))
            let callback = try FinishRedirect.callback(fromQuery: notice.uri)
            #expect(
                callback.hash == (try Self.expectedHash(finished, interactRef: callback.interactRef, method: "sha-512"))
            )
            #expect(harness.pushes.pushes.isEmpty)
            harness.clock.advance(by: .seconds(5))
            // §3.3.5, §4.2: no continuing without the reference.
            let poll = try await client.send(
                .post, finished.path, key: finished.instance.key, token: finished.continuation.accessToken.value)
            #expect(poll.status == .badRequest && poll.error?.code == .invalidInteraction)
            let next = try #require(try poll.decode(GrantResponse.self).continue)
            harness.clock.advance(by: .seconds(5))
            let tokens = try await continueWith(
                client, finished, ref: callback.interactRef, token: next.accessToken.value)
            #expect(tokens.status == .ok)
            let granted = try tokens.decode(GrantResponse.self)
            #expect(granted.accessToken != nil && granted.subject?.subIDs?.first?.format == "opaque")
            // The grant stays approved, with a new continuation (§5.3 modify, §5.4 cancel).
            let after = try #require(granted.continue)
            // §5.1: the reference is one-time.
            harness.clock.advance(by: .seconds(5))
            let again = try await continueWith(
                client, finished, ref: callback.interactRef, token: after.accessToken.value)
            #expect(again.status == .tooManyRequests && again.error?.code == .tooManyAttempts)
        }
    }

    @Test func pushFinishPostsHashAndReferenceToTheClient() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let finished = try await Self.finished(
                harness, client, method: "push", uri: "http://127.0.0.1:4567/push/554321")
            #expect(
                finished.decision.finish
                    == FinishNotice(method: .push, uri: "http://127.0.0.1:4567/push/554321", delivery: .delivered))
            let push = try #require(harness.pushes.pushes.first)
            #expect(harness.pushes.pushes.count == 1 && push.url == "http://127.0.0.1:4567/push/554321")
            #expect(push.callback.hash == (try Self.expectedHash(finished, interactRef: push.callback.interactRef)))
            let grantID = try #require(finished.decision.grantID as String?)
            let events = try await harness.store.auditEvents(grantID: grantID)
            #expect(
                events.map(\.kind)
                    == [
                        "grant.created", "interaction.opened", "grant.approved", "interaction.finished",
                        "finish.pushed",
                    ])
            #expect(events.last?.detail == "POST http://127.0.0.1:4567/push/554321: HTTP 204")
            harness.clock.advance(by: .seconds(5))
            let tokens = try await continueWith(client, finished, ref: push.callback.interactRef)
            #expect(tokens.status == .ok)
            #expect(try tokens.decode(GrantResponse.self).accessToken != nil)
        }
    }

    @Test func aDenialIsPushedTooAndDeliveredAsUserDenied() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let finished = try await Self.finished(
                harness, client, method: "push", uri: "http://localhost:9/p", deny: true)
            #expect(finished.decision.status == .denied && finished.decision.finish?.delivery == .delivered)
            let push = try #require(harness.pushes.pushes.first)
            harness.clock.advance(by: .seconds(5))
            let denied = try await continueWith(client, finished, ref: push.callback.interactRef)
            #expect(denied.status == .forbidden && denied.error?.code == .userDenied)
        }
    }

    @Test func aFailedPushIsReportedAndAudited() async throws {
        for (answer, kind) in [(RecordingPushTransport.Answer.failure, "failed"), (.status(500), "HTTP 500")] {
            let harness = try await ASHarness(pushes: RecordingPushTransport(answer: answer)) {
                $0.finishPush.attempts = 1
            }
            try await harness.run { client in
                let finished = try await Self.finished(harness, client, method: "push", uri: "http://127.0.0.1:1/p")
                #expect(finished.decision.finish?.delivery == .failed)
                let events = try await harness.store.auditEvents(grantID: finished.decision.grantID)
                #expect(events.last?.kind == "finish.push_failed")
                #expect(events.last?.detail.contains(kind) == true)
            }
        }
    }

    @Test func aSlowPushDoesNotHoldTheApprover() async throws {
        // The push takes 30 s; the approver's answer must not wait for it. Waiting would make `delivery` say
        // delivered and the test last 30 s; the 20 s bound leaves room for a loaded machine (shared CI cores).
        let harness = try await ASHarness(pushes: RecordingPushTransport(answer: .slow(.seconds(30)))) {
            $0.finishPush.approverWait = .milliseconds(200)
        }
        try await harness.run { client in
            let started = ContinuousClock.now
            let finished = try await Self.finished(harness, client, method: "push", uri: "http://127.0.0.1:1/p")
            #expect(finished.decision.finish?.delivery == .pending)
            #expect(ContinuousClock.now - started < .seconds(20))
        }
    }

    @Test func wrongReferencesAreRefusedThenEndTheRequest() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let finished = try await Self.finished(
                harness, client, method: "push", uri: "http://127.0.0.1:4567/p")
            let right = try #require(harness.pushes.pushes.first?.callback.interactRef)
            harness.clock.advance(by: .seconds(5))
            var token = finished.continuation.accessToken.value
            for _ in 0..<2 {
                let wrong = try await continueWith(client, finished, ref: "not-the-reference", token: token)
                #expect(wrong.status == .badRequest && wrong.error?.code == .invalidInteraction)
                token = try #require(try wrong.decode(GrantResponse.self).continue?.accessToken.value)
                harness.clock.advance(by: .seconds(5))
            }
            let third = try await continueWith(client, finished, ref: "not-the-reference", token: token)
            #expect(third.status == .tooManyRequests && third.error?.code == .tooManyAttempts)
            harness.clock.advance(by: .seconds(5))
            // The next call is told the same (its client may have lost the answer that ended the request), and so
            // is any call after it: the reference is spent.
            for _ in 0..<2 {
                let late = try await continueWith(client, finished, ref: right, token: token)
                #expect(late.error?.code == .tooManyAttempts)
            }
            let events = try await harness.store.auditEvents(grantID: finished.decision.grantID)
            #expect(events.map(\.kind).suffix(2) == ["grant.finalized", "continuation.repeated"])
        }
    }

    @Test func theReferenceMustBeAString() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let finished = try await Self.finished(harness, client, method: "push", uri: "http://127.0.0.1:4567/p")
            harness.clock.advance(by: .seconds(5))
            for content in [#"{"interact_ref": 7}"#, #"{"interact_ref": ""}"#] {
                let reply = try await client.send(
                    .post, finished.path, content: Array(content.utf8), key: finished.instance.key,
                    token: finished.continuation.accessToken.value)
                #expect(reply.status == .badRequest && reply.error?.code == .invalidRequest)
            }
        }
    }

    @Test func finishRequestsAreValidatedAtGrantTime() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let instance = TestClientInstance()
            for (finish, fragment) in [
                (
                    InteractFinish(method: "push", uri: "http://127.0.0.1/p", nonce: "n", hashMethod: "md4"),
                    "hash_method"
                ),
                (InteractFinish(method: "push", uri: "https://intranet.example/p", nonce: "n"), "allow list"),
                (InteractFinish(method: "redirect", uri: "http://client.example/p", nonce: "n"), "https"),
                (InteractFinish(method: "mail", uri: "https://client.example/p", nonce: "n"), "method"),
            ] {
                var request = try instance.request()
                request.interact = InteractRequest(start: ["redirect"], finish: finish)
                let reply = try await client.send(.post, "/gnap", json: request, key: instance.key)
                #expect(reply.status == .badRequest && reply.error?.code == .invalidRequest)
                #expect(reply.error?.errorDescription?.contains(fragment) == true, "\(String(describing: reply.error))")
            }
        }
    }

    @Test func anASListeningBeyondLoopbackDoesNotPushToLoopback() async throws {
        let harness = try await ASHarness { $0.host = "0.0.0.0" }
        try await harness.run { client in
            let instance = TestClientInstance()
            var request = try instance.request()
            request.interact = InteractRequest(
                start: ["redirect"], finish: InteractFinish(method: "push", uri: "http://127.0.0.1:22/", nonce: "n"))
            let reply = try await client.send(.post, "/gnap", json: request, key: instance.key)
            #expect(reply.status == .badRequest && reply.error?.errorDescription?.contains("loopback") == true)
        }
    }
}
