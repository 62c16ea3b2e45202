import Foundation
import GNAP
import GNAPClient
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Synchronization
import Testing

/// The `redirect`/`app` start modes and the `redirect`/`push` finish methods against a real AS over HTTP (RFC 9635
/// §4, §5.1): the approver opens the interaction URL, the client gets the interaction reference by the finish
/// method, checks the hash and continues with it.
@Suite("Interaction URL and finish flows over HTTP", .serialized)
struct InteractionFinishFlowTests {
    final class Events: Sendable {
        let events = Mutex<[DeviceFlow<ManualClock>.Event]>([])
        func append(_ event: DeviceFlow<ManualClock>.Event) { events.withLock { $0.append(event) } }
        var interaction: DeviceInteraction? {
            events.withLock { list in
                list.compactMap { if case .interaction(let interaction) = $0 { interaction } else { nil } }.first
            }
        }
        var all: [DeviceFlow<ManualClock>.Event] { events.withLock { $0 } }
    }

    /// Starts a device flow asking for `modes` and a finish by `method`, with a real listener; returns once the
    /// interaction is shown.
    func startDevice(_ server: LiveServer, modes: [String], finish method: FinishMethod?) async throws
        -> (Task<DeviceFlow<ManualClock>.Outcome, any Error>, Events, DeviceInteraction, FinishListener?)
    {
        let flow = DeviceFlow(client: server.grantClient(), clock: server.clock)
        let listener = method == nil ? nil : try await FinishListener.start()
        let request = try flow.grantRequest(
            access: [.photosAndDolphins], display: ClientDisplay(name: "Kiosk"), startModes: modes,
            finish: method.flatMap { method in listener.map { DeviceFlow<ManualClock>.finish(method, listener: $0) } })
        let events = Events()
        let task = Task {
            try await flow.run(request, endpoint: server.base + "/gnap", listener: listener) { events.append($0) }
        }
        while events.interaction == nil { try await Task.sleep(for: .milliseconds(5)) }
        return (task, events, events.interaction!, listener)
    }

    @Test func pushFinishDeliversTheReferenceAndTheDeviceContinuesWithIt() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover(username: "alice")
        let (device, events, interaction, listener) = try await startDevice(
            server, modes: ["redirect", "app"], finish: .push)
        #expect(interaction.userCode == nil && interaction.finish == .push)
        let url = try #require(interaction.redirect)
        #expect(interaction.app == (try InteractionLocator(parsing: url)).appURI)
        let review = try await approver.openInteraction(url)
        #expect(review.finish == FinishReview(method: .push, uri: listener!.uri))
        let decision = try await approver.approve(
            grantID: review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []))
        // The AS pushed to the device's listener before answering the approver.
        #expect(decision.finish == FinishNotice(method: .push, uri: listener!.uri, delivery: .delivered))
        // The device waits out `wait` (5 s) before continuing.
        await server.waitForSleepers()
        server.clock.advance(by: .seconds(5))
        guard case .granted(let response) = try await device.value else {
            Issue.record("the device must be granted")
            return
        }
        #expect(response.accessToken?.tokens.first?.access == [AccessTokenRequest.photosAndDolphins.access[0]])
        #expect(events.all.contains(.interactionFinished))
        #expect(!events.all.contains { if case .waiting = $0 { true } else { false } }, "it never polled")
        let audit = try await server.store.auditEvents(grantID: review.grantID).map(\.kind)
        #expect(
            audit == [
                "grant.created", "interaction.opened", "grant.approved", "interaction.finished", "finish.pushed",
                "tokens.issued",
            ])
        await listener?.stop()
    }

    @Test func redirectFinishThroughTheListenerAsABrowserWould() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover(username: "bob")
        let (device, _, interaction, listener) = try await startDevice(
            server, modes: ["user_code", "redirect"], finish: .redirect)
        #expect(interaction.userCode != nil && interaction.finish == .redirect)
        let review = try await approver.openInteraction(try #require(interaction.redirect))
        let decision = try await approver.deny(grantID: review.grantID, reason: "not now")
        let notice = try #require(decision.finish)
        #expect(notice.method == .redirect && notice.uri.hasPrefix(listener!.uri + "?hash="))
        // The person's browser follows the link back to the device.
        let (response, body) = try await server.transport.send(
            HTTPRequest(method: .get, url: URL(string: notice.uri)!), body: [])
        #expect(response.status == .ok)
        #expect(String(decoding: body, as: UTF8.self).contains("return to your device"))
        await server.waitForSleepers()
        server.clock.advance(by: .seconds(5))
        guard case .denied(let error) = try await device.value else {
            Issue.record("the device must be told it was denied")
            return
        }
        #expect(error.code == .userDenied)
        await listener?.stop()
    }

    @Test func theClientChecksTheHashAndTheReferenceIsOneTime() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let client = server.grantClient()
        let nonce = Secrets.token()
        let endpoint = server.base + "/gnap"
        let request = GrantRequest(
            accessToken: .single(.photosAndDolphins),
            client: .value(ClientInstanceValue(key: try client.clientKey(), display: nil)),
            interact: InteractRequest(
                start: ["app"],
                finish: InteractFinish(
                    method: "redirect", uri: "https://client.example.net/return", nonce: nonce,
                    hashMethod: "sha3-256")))
        let response = try await client.request(request, endpoint: endpoint)
        let continuation = try #require(response.continue)
        let review = try await approver.openInteraction(try #require(response.interact?.app))
        let decision = try await approver.approve(
            grantID: review.grantID, ApprovalRequest(rights: ["0.1"], subjectFormats: []))
        let callback = try FinishRedirect.callback(fromQuery: try #require(decision.finish?.uri))
        let expectation = FinishExpectation(
            clientNonce: nonce, serverNonce: try #require(response.interact?.finish), grantEndpoint: endpoint,
            hashMethod: try InteractionHashMethod(name: "sha3-256"))
        #expect(expectation.verifies(callback))
        var forged = callback
        forged.interactRef = "injected-by-an-attacker"
        #expect(!expectation.verifies(forged), "§4.2.3: a substituted reference must not verify")
        server.clock.advance(by: .seconds(5))
        // A wrong reference: invalid_interaction, and the grant goes on with a rotated token.
        let wrong = try await client.continueAfterInteraction(continuation, interactRef: "wrong")
        #expect(wrong.error?.code == .invalidInteraction)
        let next = try #require(wrong.continue)
        server.clock.advance(by: .seconds(5))
        let granted = try await client.continueAfterInteraction(next, interactRef: callback.interactRef)
        #expect(granted.accessToken?.tokens.first?.access == [AccessTokenRequest.photosAndDolphins.access[1]])
        let after = try #require(granted.continue)
        server.clock.advance(by: .seconds(5))
        await #expect {
            _ = try await client.continueAfterInteraction(after, interactRef: callback.interactRef)
        } throws: { error in
            (error as? GNAPClientError)?.gnapError?.code == .tooManyAttempts
        }
    }

    @Test func theListenerRefusesAnythingThatDoesNotVerify() async throws {
        let listener = try await FinishListener.start()
        let transport = AsyncHTTPTransport()
        let expectation = FinishExpectation(
            clientNonce: "c", serverNonce: "s", grantEndpoint: "http://as.example/gnap")
        listener.expect(expectation)
        func post(_ json: String, to uri: String? = nil) async throws -> (Int, String) {
            var request = HTTPRequest(method: .post, url: URL(string: uri ?? listener.uri)!)
            request.headerFields[.contentType] = "application/json"
            let (response, body) = try await transport.send(request, body: Array(json.utf8))
            return (response.status.code, String(decoding: body, as: UTF8.self))
        }
        let forged = try await post(#"{"hash": "AAAA", "interact_ref": "r"}"#)
        #expect(forged.0 == 400 && forged.1.contains("unknown_interaction"))
        let malformed = try await post(#"{"interact_ref": "r"}"#)
        #expect(malformed.0 == 400)
        let elsewhere = try await post(#"{}"#, to: listener.uri.replacingOccurrences(of: "/finish/", with: "/other/"))
        #expect(elsewhere.0 == 404)
        let hash = InteractionHash(
            clientNonce: "c", serverNonce: "s", interactRef: "r", grantEndpoint: "http://as.example/gnap"
        ).value
        let good = try await post(#"{"hash": "\#(hash)", "interact_ref": "r"}"#)
        #expect(good.0 == 204)
        // One-time: the same callback again is refused.
        let replay = try await post(#"{"hash": "\#(hash)", "interact_ref": "r"}"#)
        #expect(replay.0 == 400 && replay.1.contains("unknown_interaction"))
        #expect(await listener.callback() == InteractionFinishCallback(hash: hash, interactRef: "r"))
        await listener.stop()
    }

    /// Without a finish method (or when the AS answers without `interact.finish`) the device polls (§5.2).
    @Test func anInteractionURLWithoutFinishIsPolled() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let (device, events, interaction, _) = try await startDevice(server, modes: ["redirect"], finish: nil)
        #expect(interaction.finish == nil)
        let review = try await approver.openInteraction(try #require(interaction.redirect))
        _ = try await approver.approve(grantID: review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []))
        await server.waitForSleepers()
        server.clock.advance(by: .seconds(5))
        guard case .granted = try await device.value else {
            Issue.record("the device must be granted by polling")
            return
        }
        #expect(!events.all.contains(.interactionFinished))
    }
}
