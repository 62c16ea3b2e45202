import GNAP
import TerminalApps
import TerminalSession
import TerminalUI
import TerminalUITestSupport
import Testing

/// `y` copies what a screen is about to the clipboard (OSC 52) and says so; `m` turns mouse capture off and on.
@Suite struct ApproverClipboardTests {
    let app = ApproverApp(identity: Fixtures.identity, timeZone: Fixtures.utc)

    func press(_ keys: [Key], _ state: inout ApproverState) -> [ApproverEffect] {
        var effects: [ApproverEffect] = []
        for key in keys {
            if let message = app.message(for: key, in: state) { effects += app.update(&state, message) }
        }
        return effects
    }

    @Test func yCopiesTheGrantIdOfTheReviewAndSaysSoUntilTheNextKey() async throws {
        let (state, terminal) = try await AppHarness().run(AppHarness.enter() + [.type("y")])
        #expect(await terminal.screenText.contains("Copied to the clipboard: grant id g-4711"))
        // The bytes a terminal receives: OSC 52 with the base64 of the text, ended by BEL.
        #expect(await terminal.clipboardWrites == ["\u{1B}]52;c;Zy00NzEx\u{07}"])
        assertSnapshot(await terminal.screenText, named: "screen-review-copied-80x24")
        var next = state
        _ = press([.character("j")], &next)
        #expect(next.flash == nil)
    }

    @Test func everyScreenAboutAGrantOrAKeyCopiesIt() throws {
        var state = ApproverState(now: Fixtures.now)
        #expect(press([.escape, .character("y")], &state).isEmpty)  // code entry: nothing to copy, nothing bound
        _ = press([.character("h")], &state)
        _ = app.update(&state, .historyLoaded(.success(Fixtures.records)))
        #expect(press([.character("y")], &state) == [.copyToClipboard(Fixtures.records[0].grantID)])
        _ = press([.enter], &state)
        #expect(state.screen == .historyDetail)
        #expect(press([.character("y")], &state) == [.copyToClipboard(Fixtures.records[0].grantID)])
        _ = press([.escape, .tab], &state)
        _ = app.update(&state, .activeGrantsLoaded(.success(Fixtures.grants)))
        #expect(press([.character("y")], &state) == [.copyToClipboard(Fixtures.grants[0].id)])
        _ = press([.tab], &state)
        _ = app.update(&state, .keysLoaded(.success(Fixtures.keys)))
        #expect(press([.character("y")], &state) == [.copyToClipboard(Fixtures.keys[0].thumbprint)])
        #expect(state.flash == "Copied to the clipboard: key thumbprint \(Fixtures.keys[0].thumbprint)")
    }

    @Test func mTurnsMouseCaptureOffAndOnAndSaysHowToSelectText() async throws {
        var state = ApproverState(now: Fixtures.now)
        #expect(press([.character("m")], &state).isEmpty)  // typing a code: m is text
        #expect(press([.escape, .character("m")], &state) == [.setMouseCapture(false)])
        #expect(!state.capturesMouse)
        #expect(state.flash == "Mouse off: select text with the mouse (m: on again)")
        #expect(press([.character("m")], &state) == [.setMouseCapture(true)])
        let (_, terminal) = try await AppHarness().run([.key(.escape), .type("m")])
        #expect(await terminal.capturesMouse == false)
        assertSnapshot(await terminal.screenText, named: "screen-mouse-off-80x24")
    }
}
