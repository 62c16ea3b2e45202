import ASBackendTestSupport
import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import NIOCore
import Synchronization
import Testing

/// Two AS instances on one database (SQLite opened twice, or PostgreSQL through two connection pools): whatever one
/// instance accepted once, the other refuses, and their limits are one limit. Also what a restart must not forget.
@Suite("Two AS instances on one database, on every backend")
struct TwoInstanceTests {
    /// Runs `body` with two instances of one AS: the first bootstrapped the database, the second shares it. Both
    /// run with `replay` and `codeAttempts`.
    static func instances(
        _ backend: TestBackend, replay: ReplayPolicy = ReplayPolicy(),
        codeAttempts: CodeAttemptPolicy = CodeAttemptPolicy(),
        _ body: @escaping @Sendable (ASHarness, ASHarness.Client, ASHarness.Client) async throws -> Void
    ) async throws {
        let configure: (inout ServerConfiguration) -> Void = { configuration in
            configuration.replay = replay
            configuration.codeAttempts = codeAttempts
        }
        try await TestStore.with(backend) { test in
            let other = try await test.reopen()
            do {
                let first = try await ASHarness(
                    store: test.store, coordination: test.coordination, configure: configure)
                let second = try await ASHarness(
                    store: other.store, coordination: other.coordination, shared: first, configure: configure)
                try await first.run { a in try await second.run { b in try await body(first, a, b) } }
            } catch {
                await other.close()
                throw error
            }
            await other.close()
        }
    }

    @Test(arguments: TestBackend.allCases)
    func aSignedRequestReplayedToTheOtherInstanceIsRefused(_ backend: TestBackend) async throws {
        try await Self.instances(backend) { _, a, b in
            let instance = TestClientInstance()
            let (reply, captured) = try await a.capturing(
                .post, "/gnap", json: try instance.request(), key: instance.key)
            #expect(reply.status == .ok)
            let replayed = try await b.replay(captured)
            #expect(replayed.status == .conflict && replayed.error?.code == .invalidClient)
            #expect(replayed.error?.errorDescription == "this signed request was already received (nonce reused)")
        }
    }

    /// A captured signed admin request replayed after the AS restarted, within the signature's age: refused, and no
    /// second enrollment code is made.
    @Test(arguments: TestBackend.allCases)
    func aCapturedAdminRequestReplayedAfterARestartIsRefused(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let before = try await ASHarness(store: test.store, coordination: test.coordination)
            let captured = try await before.run { client in
                let admin = try await TestApprover.enroll(client, code: before.bootstrap.code.display)
                let (reply, captured) = try await client.capturing(
                    .post, "/admin/v1/accounts/admin/invitations", content: [], key: admin.key, profile: .approverAPI)
                #expect(reply.status == .created)
                return captured
            }
            // A new process: nothing of the first one's memory, the same database.
            let reopened = try await test.reopen()
            let after = try await ASHarness(store: reopened.store, coordination: reopened.coordination, shared: before)
            after.clock.advance(by: .seconds(30))
            let replayed = try await after.run { client in try await client.replay(captured) }
            #expect(replayed.status == .conflict && replayed.error?.code == .replayedRequest)
            #expect(try await test.store.auditEntries(AuditQuery(kind: .enrollmentInvited)).count == 1)
            await reopened.close()
        }
    }

    /// One key signing more than its share is refused with 429, alone: other keys are served. A request whose
    /// signature does not verify leaves nothing in the cache.
    @Test(arguments: TestBackend.allCases)
    func aKeyOverItsShareOfTheReplayCacheIsRefusedAlone(_ backend: TestBackend) async throws {
        try await Self.instances(backend, replay: ReplayPolicy(noncesPerKey: 3)) { harness, a, b in
            let attacker = TestClientInstance()
            var request = try attacker.request()
            request.user = .reference("no-such-user")
            let forged = try await a.send(
                .post, "/gnap", content: try GNAPJSON.encode(request), key: attacker.key,
                tamper: { _, body in body.append(UInt8(ascii: " ")) })
            #expect(forged.status == .unauthorized)
            // Nothing was recorded for the attacker's key: with a limit of one, a probe (expired at once) still fits.
            #expect(
                try await harness.store.recordNonce(
                    "probe", key: attacker.key.keyID ?? "", expiresAt: harness.clock.now,
                    now: harness.clock.now, perKeyLimit: 1) == .recorded)
            // Signed correctly, naming an unknown user: refused after the signature was checked, nonce kept.
            for client in [a, b, a] {
                let refused = try await client.send(.post, "/gnap", json: request, key: attacker.key)
                #expect(refused.status == .badRequest && refused.error?.code == .unknownUser)
            }
            let over = try await b.send(.post, "/gnap", json: request, key: attacker.key)
            #expect(over.status == .tooManyRequests && over.error?.code == .requestDenied)
            #expect(
                over.error?.errorDescription
                    == "this key signed more than 3 requests within 361 seconds; retry in 361 s")
            #expect(over.headers[.retryAfter] == "361")
            let honest = TestClientInstance()
            #expect(try await a.send(.post, "/gnap", json: try honest.request(), key: honest.key).status == .ok)
            // Once the attacker's nonces expire, it is served again.
            harness.clock.advance(by: .seconds(362))
            let later = try await a.send(.post, "/gnap", json: request, key: attacker.key)
            #expect(later.error?.code == .unknownUser)
        }
    }

    /// Guesses spread over both instances count against one limit.
    @Test(arguments: TestBackend.allCases)
    func codeGuessesOnBothInstancesHitOneLimit(_ backend: TestBackend) async throws {
        try await Self.instances(backend, codeAttempts: CodeAttemptPolicy(perDeviceLimit: 3)) { harness, a, b in
            let alice = try await TestApprover.enroll(a, code: harness.bootstrap.code.display)
            var left: [String] = []
            for client in [a, b, a] {
                let reply = try await client.send(
                    .post, "/interact/v1/code", json: CodeEntryRequest(userCode: "2222-2222"), key: alice.key,
                    profile: .approverAPI)
                #expect(reply.error?.code == .userCodeUnknown)
                left.append(reply.error?.errorDescription ?? "")
            }
            #expect(
                left.map { $0.contains("2 tries left") || $0.contains("1 try left") || $0.contains("may not") } == [
                    true, true, true,
                ])
            #expect(left.last?.contains("may not enter codes") == true)
            let locked = try await b.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: "3333-3333"), key: alice.key,
                profile: .approverAPI)
            #expect(locked.status == .tooManyRequests && locked.error?.code == .tooManyAttempts)
        }
    }

    /// What is used once is used once for both: an enrollment code, a continuation token, an interaction reference.
    @Test(arguments: TestBackend.allCases)
    func oneTimeValuesAreSpentForBothInstances(_ backend: TestBackend) async throws {
        try await Self.instances(backend) { harness, a, b in
            let alice = try await TestApprover.enroll(a, code: harness.bootstrap.code.display)
            var key = SigningKey.generateEd25519()
            key.keyID = try key.publicJWK().thumbprint()
            let again = try await b.send(
                .post, "/interact/v1/enroll",
                json: EnrollmentRequest(
                    code: harness.bootstrap.code.display, deviceName: "other", jwk: try key.publicJWK()),
                key: key, profile: .approverAPI)
            #expect(again.status == .forbidden && again.error?.code == .enrollmentRefused)

            // The continuation token rotates on one instance. The previous token may repeat a call whose answer was
            // lost once: on the other instance too, and then on neither.
            let instance = TestClientInstance()
            let started = try await a.startGrant(try instance.request(), key: instance.key)
            let first = try await a.poll(started, key: instance.key)
            #expect(first.status == .ok)
            let repeated = try await b.poll(started, key: instance.key)
            #expect(repeated.status == .ok, "\(String(describing: repeated.error))")
            for stale in [try await a.poll(started, key: instance.key), try await b.poll(started, key: instance.key)] {
                #expect(stale.status == .unauthorized && stale.error?.code == .invalidContinuation)
            }

            // An interaction reference spent on one instance is refused on the other.
            let finished = try await InteractionFinishTests.finished(
                harness, a, method: "push", uri: "http://127.0.0.1:9/p", approver: alice)
            let push = try #require(harness.pushes.pushes.last)
            harness.clock.advance(by: .seconds(5))
            let tokens = try await InteractionFinishTests().continueWith(a, finished, ref: push.callback.interactRef)
            #expect(tokens.status == .ok)
            let rotated = try #require(try tokens.decode(GrantResponse.self).continue)
            harness.clock.advance(by: .seconds(5))
            let spent = try await InteractionFinishTests().continueWith(
                b, finished, ref: push.callback.interactRef, token: rotated.accessToken.value)
            #expect(spent.error?.code == .tooManyAttempts)
        }
    }

    /// The log one instance writes is the log the other streams, resumable there from any position.
    @Test(arguments: TestBackend.allCases)
    func eachInstanceStreamsTheOthersEventsFromAnyPosition(_ backend: TestBackend) async throws {
        try await Self.instances(backend) { harness, a, b in
            let admin = try await TestApprover.enroll(b, code: harness.bootstrap.code.display)
            let instance = TestClientInstance()
            let started = try await a.startGrant(try instance.request(), key: instance.key)
            let grantID = try #require(started.continue?.uri.split(separator: "/").last.map(String.init))
            let stream = try await b.send(
                .get, "/admin/v1/events?follow=false&last_event_id=0", key: admin.key, profile: .approverAPI)
            let text = String(decoding: stream.body, as: UTF8.self)
            #expect(stream.status == .ok)
            #expect(text.contains("event: grant.created") && text.contains(grantID))
            let created = try #require(
                try await harness.store.auditEntries(AuditQuery(grantID: grantID, kind: .grantCreated)).first)
            let resumed = try await a.send(
                .get, "/admin/v1/events?follow=false&last_event_id=\(created.id - 1)", key: admin.key,
                profile: .approverAPI)
            #expect(String(decoding: resumed.body, as: UTF8.self).hasPrefix("retry: 2000\n\nid: \(created.id)\n"))
        }
    }
}

/// A request as it was signed and sent, to send again.
struct CapturedRequest: Sendable {
    var request: HTTPRequest
    var body: [UInt8]
}

extension ASHarness.Client {
    /// Sends like `send`, and returns the signed request too.
    func capturing(
        _ method: HTTPRequest.Method, _ path: String, content: [UInt8], key: SigningKey,
        profile: SignatureProfile = .gnap
    ) async throws -> (Reply, CapturedRequest) {
        let capture = Mutex<CapturedRequest?>(nil)
        let reply = try await send(method, path, content: content, key: key, profile: profile) { request, body in
            capture.withLock { $0 = CapturedRequest(request: request, body: body) }
        }
        return (reply, try #require(capture.withLock { $0 }))
    }

    func capturing(
        _ method: HTTPRequest.Method, _ path: String, json: some Encodable, key: SigningKey,
        profile: SignatureProfile = .gnap
    ) async throws -> (Reply, CapturedRequest) {
        try await capturing(method, path, content: try GNAPJSON.encode(json), key: key, profile: profile)
    }

    /// Sends a captured request again, byte for byte.
    func replay(_ captured: CapturedRequest) async throws -> Reply {
        let response = try await client.execute(
            uri: captured.request.path ?? "/", method: captured.request.method,
            headers: captured.request.headerFields,
            body: captured.body.isEmpty ? nil : ByteBuffer(bytes: captured.body))
        return Reply(status: response.status, headers: response.headers, body: Array(response.body.readableBytesView))
    }
}
