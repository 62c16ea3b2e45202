import GNAP
import GNAPClient
import QRCode
import TerminalUI
import TerminalUITestSupport
import Testing

@testable import TerminalApps

/// Golden screens of the full-screen device display at a fixed clock (re-record with RECORD_SNAPSHOTS=1), and how
/// it lays itself out at other sizes.
@Suite struct DeviceScreenTests {
    static let server = "http://127.0.0.1:8080"
    static let codeURI = "http://127.0.0.1:8080/device"
    static let interaction = DeviceInteraction(
        userCode: "WDJB-MJHT", userCodeURI: codeURI, expiresAt: Fixtures.now.advanced(by: .seconds(581)))

    static func state(
        _ statuses: [DeviceStatus] = [], interaction: DeviceInteraction? = DeviceScreenTests.interaction
    )
        -> DeviceScreenState
    {
        var state = DeviceScreenState(serverURL: server, now: Fixtures.now)
        if let interaction { state.show(interaction) }
        for status in statuses { state.apply(status) }
        return state
    }

    static func screen(_ state: DeviceScreenState, _ width: Int, _ height: Int) -> String {
        VirtualTerminal.renderText(
            DeviceScreen(startedAt: Fixtures.now).view(state, size: Size(width: width, height: height)))
    }

    /// The QR code of the `user_code_uri`, as the screen draws it.
    static func qrRows(quietZone: Int) throws -> [String] {
        try QRCode(encoding: codeURI, errorCorrection: .low).halfBlockLines(quietZone: quietZone, palette: .darkOnLight)
    }

    @Test func waitingAt80x24ShowsBlockLettersAndTheQRCodeBesideThem() throws {
        let text = Self.screen(Self.state(), 80, 24)
        assertSnapshot(text, named: "device-80x24-waiting")
        for row in DeviceCodeLetters("WDJB-MJHT").rows {
            #expect(text.contains(row.trimmingTrailingSpaces))
        }
        // The whole symbol with the standard's 4-module quiet zone.
        for row in try Self.qrRows(quietZone: 4) where !row.trimmingTrailingSpaces.isEmpty {
            #expect(text.contains(row.trimmingTrailingSpaces))
        }
        #expect(text.contains("Expires in 09:41"))
        #expect(text.contains("Waiting for someone to enter the code…"))
    }

    @Test func codeEnteredAt80x24() {
        let text = Self.screen(Self.state([.codeEntered, .waiting]), 80, 24)
        assertSnapshot(text, named: "device-80x24-code-entered")
        #expect(text.contains("Code entered — waiting for the decision…"))
    }

    @Test func at40x12TheCodeIsTextAndTheQRCodeIsDroppedWithANote() {
        let text = Self.screen(Self.state(), 40, 12)
        assertSnapshot(text, named: "device-40x12-waiting")
        #expect(text.contains("WDJB-MJHT"))
        #expect(!text.contains("▀"))
        #expect(text.contains("(no room for the QR code)"))
    }

    @Test func retryingSaysWhyAndWhen() {
        let next = Fixtures.now.advanced(by: .seconds(12))
        let text = Self.screen(
            Self.state([
                .retrying(reason: "cannot reach the authorization server: connection refused", nextAttemptAt: next)
            ]),
            100, 24)
        #expect(text.contains("Retrying in 12s (cannot reach the authorization server: connection refused)"))
    }

    @Test func finalStatusesReadPlainly() {
        #expect(Self.screen(Self.state([.approved]), 80, 24).contains("Approved — access granted"))
        #expect(
            Self.screen(Self.state([.denied(reason: "not today")]), 80, 24).contains("Denied — not today"))
        var expired = Self.state([.expired])
        expired.now = Fixtures.now.advanced(by: .seconds(600))
        let text = Self.screen(expired, 80, 24)
        #expect(text.contains("Expired — the code no longer works"))
        #expect(text.contains("The code has expired"))
    }

    @Test func resizingReflows() throws {
        let state = Self.state()
        // Narrower than letters plus QR code: the QR code goes below the letters when the screen is tall enough…
        let tall = Self.screen(state, 60, 40)
        for row in try Self.qrRows(quietZone: 4) where !row.trimmingTrailingSpaces.isEmpty {
            #expect(tall.contains(row.trimmingTrailingSpaces))
        }
        #expect(tall.contains(DeviceCodeLetters("WDJB-MJHT").rows[0].trimmingTrailingSpaces))
        // …and is dropped with a note when it is not.
        let short = Self.screen(state, 60, 20)
        #expect(!short.contains("▀"))
        #expect(short.contains("(no room for the QR code)"))
        #expect(short.contains(DeviceCodeLetters("WDJB-MJHT").rows[0].trimmingTrailingSpaces))
        // Barely too small for the 4-module quiet zone beside the letters: the 2-module one.
        let snug = Self.screen(state, 76, 24)
        for row in try Self.qrRows(quietZone: 2) where !row.trimmingTrailingSpaces.isEmpty {
            #expect(snug.contains(row.trimmingTrailingSpaces))
        }
        // Tiny screens still say something, never crash.
        for (width, height) in [(1, 1), (10, 3), (20, 5), (0, 0)] {
            _ = Self.screen(state, width, height)
        }
    }

    @Test func aLinkWithoutACodeShowsTheLinkAndItsQRCode() throws {
        let link = "http://127.0.0.1:8080/interact/Xq3Vv2lHc2vRj0iZ4kq8Q4"
        let text = Self.screen(
            Self.state(
                interaction: DeviceInteraction(redirect: link, expiresAt: Fixtures.now.advanced(by: .seconds(60)))),
            100, 30)
        #expect(text.contains("To let this device in, open this link:"))
        #expect(text.contains(link))
        let rows = try QRCode(encoding: link, errorCorrection: .low).halfBlockLines(quietZone: 4, palette: .darkOnLight)
        for row in rows.map(\.trimmingTrailingSpaces) where !row.isEmpty { #expect(text.contains(row)) }
        #expect(text.contains("Waiting for someone to open the link…"))
    }

    @Test func beforeTheASAnswers() {
        let text = Self.screen(Self.state(interaction: nil), 80, 24)
        #expect(text.contains("Asking http://127.0.0.1:8080 for access…"))
        #expect(text.contains("Requesting access…"))
    }

    @Test func hostileTextFromTheASIsSanitized() {
        let text = Self.screen(
            Self.state(
                [.denied(reason: "no\u{1B}[2J")],
                interaction: DeviceInteraction(
                    userCode: "WDJB-MJHT", userCodeURI: "http://x/\u{1B}]0;owned\u{07}", expiresAt: Fixtures.now)),
            80, 24)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{07}"))
    }

    @Test func statusUpdatesKeepADecisionAndRememberTheEnteredCode() {
        let program = DeviceScreen(startedAt: Fixtures.now)
        var state = Self.state()
        #expect(program.update(&state, .progress(.status(.codeEntered))) == [.awaitProgress])
        _ = program.update(&state, .progress(.status(.waiting)))
        #expect(state.status == .codeEntered)
        _ = program.update(&state, .progress(.status(.retrying(reason: "x", nextAttemptAt: Fixtures.now))))
        _ = program.update(&state, .progress(.status(.waiting)))
        #expect(state.status == .codeEntered)
        #expect(program.update(&state, .progress(.status(.denied(reason: nil)))) == [])
        #expect(program.shouldQuit(state))
        _ = program.update(&state, .progress(.status(.waiting)))
        #expect(state.status == .denied(reason: nil))
    }

    @Test func ticksMoveTheCountdownAndQOrCtrlCGiveUp() {
        let program = DeviceScreen(startedAt: Fixtures.now)
        var state = Self.state()
        let message = program.tickMessage(elapsed: .seconds(2), in: state)
        #expect(message == .tick(Fixtures.now.advanced(by: .seconds(2))))
        _ = program.update(&state, message!)
        #expect(Self.screen(state, 80, 24).contains("Expires in 09:39"))
        #expect(program.message(for: .character("q"), in: state) == .cancel)
        #expect(program.message(for: .ctrl("c"), in: state) == .cancel)
        #expect(program.message(for: .character("x"), in: state) == nil)
        #expect(DeviceScreen.keymap.duplicateKeys.isEmpty)
        _ = program.update(&state, .cancel)
        #expect(program.shouldQuit(state))
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
