import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import HTTPTypes
import Synchronization
import TerminalUI
import Testing

@testable import TerminalApps
@testable import TerminalSession

/// `gnapterm device --user`: the asynchronous request it sends, its plain lines and its `--json` events.
@Suite struct AsynchronousDeviceTests {
    typealias Event = DeviceFlow<GNAP.ManualClock>.Event

    static let waiting = DeviceInteraction(
        approver: "alice@example.com", expiresAt: Fixtures.now.advanced(by: .seconds(600)))

    @Test func plainLinesSayWhomTheRequestWaitsFor() {
        let err = DeviceModeTests.Lines()
        let display = DeviceProgressDisplay(serverURL: "http://127.0.0.1:8080", stderr: err.write)
        let now = Fixtures.now
        display.show(Event.interaction(Self.waiting), now: now)
        display.show(Event.waiting(nextPollAt: now.advanced(by: .seconds(5))), now: now)
        display.show(Event.codeEntered, now: now)
        let text = err.value
        #expect(text.contains("Waiting for alice@example.com to approve on their terminal…"))
        #expect(text.contains("alice@example.com opened the request — waiting for the decision…"))
        // No code and no link to show.
        #expect(!text.contains("WDJB") && !text.contains("code:"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func theJSONEventSaysWhomItWaitsForAndUntilWhen() {
        #expect(
            DeviceOutput.progress(Event.interaction(Self.waiting))
                == #"{"event":"waiting_for_approval","expires_at":"2026-01-01T09:10:00Z","user":"alice@example.com"}"#)
    }

    @Test func theUserIsAnEmailAddressOrAnOpaqueID() throws {
        #expect(try DeviceRequest.subjectIdentifier("alice@example.com") == .email("alice@example.com"))
        #expect(try DeviceRequest.subjectIdentifier(" u-4711 ") == .opaque("u-4711"))
        for bad in ["", "   ", "alice smith", String(repeating: "a", count: 257)] {
            #expect(throws: SessionError.self) { try DeviceRequest.subjectIdentifier(bad) }
        }
    }

    @Test func withoutStartModesTheRequestIsAsynchronousAndWithThemReachableBothWays() throws {
        let clock = GNAP.ManualClock(now: Fixtures.now)
        let flow = DeviceFlow(
            client: GrantClient(transport: NoNetwork(), key: SigningKey.generateEd25519(), clock: clock), clock: clock)
        let access = [AccessTokenRequest(access: [.reference("deploy")])]
        let agent = AgentDescription(name: "release-bot", task: "deploy")
        let asynchronous = try DeviceRequest.make(
            flow, access: access, display: ClientDisplay(name: "CI"), startModes: [], finish: nil,
            user: "alice@example.com", agent: agent)
        #expect(asynchronous.interact == nil)
        #expect(asynchronous.user == .value(UserValue(subIDs: [.email("alice@example.com")])))
        #expect(asynchronous.agent == agent)
        let both = try DeviceRequest.make(
            flow, access: access, display: ClientDisplay(name: "CI"), startModes: ["user_code"], finish: nil,
            user: "u-1", agent: nil)
        #expect(both.interact?.start == ["user_code"])
        #expect(both.user == .value(UserValue(subIDs: [.opaque("u-1")])))
    }
}

/// Building a request needs no network.
struct NoNetwork: HTTPTransport {
    func send(_ request: HTTPRequest, body: [UInt8]) async throws(GNAPClientError) -> (HTTPResponse, [UInt8]) {
        Issue.record("no request was expected")
        return (HTTPResponse(status: .serviceUnavailable), [])
    }
}
