import GNAP
import TerminalApps
import TerminalSession
import TerminalUI
import TerminalUITestSupport
import Testing

/// The update logic of `ApproverApp`, message by message.
@Suite struct ApproverUpdateTests {
    let app = ApproverApp(identity: Fixtures.identity, timeZone: Fixtures.utc)

    /// A state on the review screen of `review`, scrolled to the end and back (`read`), so that every right has
    /// been on the screen and approving is possible.
    func reviewing(_ review: InteractionReview = Fixtures.photoPrinter, read: Bool = true) throws -> ApproverState {
        var state = ApproverState(now: Fixtures.now)
        state.screen = .loading(.lookingUp(try UserCode(parsing: "ABCDEFGH")))
        #expect(app.update(&state, .codeLookedUp(.success(review))).isEmpty)
        #expect(state.screen == .review)
        if read { press([.end, .home], &state) }
        return state
    }

    /// Feeds `keys` through `message(for:)` and `update`, returning every effect.
    @discardableResult
    func press(_ keys: [Key], _ state: inout ApproverState) -> [ApproverEffect] {
        var effects: [ApproverEffect] = []
        for key in keys {
            if let message = app.message(for: key, in: state) { effects += app.update(&state, message) }
        }
        return effects
    }

    func type(_ text: String, _ state: inout ApproverState) {
        press(text.map(Key.character), &state)
    }

    // MARK: Code entry

    @Test func typingFormatsTheCodeAndEnterSubmitsIt() throws {
        var state = ApproverState(now: Fixtures.now)
        type("wdjb mj", &state)
        #expect(state.code.field.text == "WDJB-MJ")
        #expect(press([.enter], &state).isEmpty)
        #expect(state.code.error == "Not a valid code: a code has 8 characters; this has 6.")
        #expect(state.screen == .codeEntry)
        type("ht", &state)
        #expect(state.code.error == nil)
        let code = try UserCode(parsing: "WDJBMJHT")
        #expect(press([.enter], &state) == [.enterCode(code)])
        #expect(state.screen == .loading(.lookingUp(code)))
    }

    @Test func lookAlikesAndCaseAreNormalizedAndBadCharactersExplained() {
        var state = ApproverState(now: Fixtures.now)
        type("ilo-", &state)
        #expect(state.code.field.text == "110")
        type("u", &state)
        #expect(state.code.field.text == "110")
        #expect(state.code.error?.contains("'u' cannot appear in a code") == true)
    }

    @Test func pastingAWholeCodeWorks() {
        var state = ApproverState(now: Fixtures.now)
        press([.paste("  abcd-efgh\n")], &state)
        #expect(state.code.field.text == "ABCD-EFGH")
        var burst = ApproverState(now: Fixtures.now)
        type("abcd efgh", &burst)
        #expect(burst.code.field.text == "ABCD-EFGH")
        var bad = ApproverState(now: Fixtures.now)
        press([.paste("Code: ABCD-EFGH")], &bad)
        #expect(bad.code.field.text == "")
        #expect(bad.code.error?.contains("':' cannot appear") == true)
    }

    @Test func qIsTextWhileTypingAndQuitsAfterEsc() {
        var state = ApproverState(now: Fixtures.now)
        type("q", &state)
        #expect(state.code.field.text == "Q")
        #expect(!state.isQuitting)
        press([.escape], &state)
        #expect(!state.code.isTyping)
        press([.character("q")], &state)
        #expect(state.isQuitting)
    }

    @Test func ctrlCQuitsEverywhere() throws {
        var typing = ApproverState(now: Fixtures.now)
        press([.ctrl("c")], &typing)
        #expect(typing.isQuitting)
        var denying = try reviewing()
        press([.character("d"), .ctrl("c")], &denying)
        #expect(denying.isQuitting)
        var helping = try reviewing()
        press([.character("?")], &helping)
        #expect(helping.showsHelp)
        press([.ctrl("c")], &helping)
        #expect(helping.isQuitting)
    }

    @Test func backendErrorsAreMappedToMessages() {
        func message(_ code: String?, _ text: String = "x") -> String {
            ApproverFailure(code: code, message: text).displayMessage
        }
        #expect(
            message("unknown_user_code")
                == "No request has this code. Check the code shown on the device and try again.")
        #expect(message("expired_user_code") == "This code has expired. Ask the device for a new code.")
        #expect(message("used_user_code") == "This code was already used. Ask the device for a new code.")
        #expect(message("already_decided") == "This request was already decided (perhaps from another terminal).")
        #expect(message("too_many_attempts") == "Too many attempts. Wait a while before entering another code.")
        // A device that gave up (RFC 9635 §5.4) is not an expired code: asking it for a new one would be pointless.
        let withdrawn = ApproverFailure(code: "request_withdrawn", message: "the device withdrew this request")
        #expect(withdrawn.displayMessage.hasPrefix("The device withdrew this request"))
        #expect(withdrawn.serverDetail == nil)
        #expect(message("server_error", "The AS is down.") == "The AS is down.")
        #expect(message(nil, "Connection refused.") == "Connection refused.")
        #expect(
            ApproverFailure(code: "unknown_user_code", message: "2 attempts left").serverDetail == "2 attempts left")
        #expect(ApproverFailure(code: nil, message: "Connection refused.").serverDetail == nil)

        var state = ApproverState(now: Fixtures.now)
        type("abcdefgh", &state)
        press([.enter], &state)
        _ = app.update(&state, .codeLookedUp(.failure(ApproverFailure(code: "used_user_code", message: "used"))))
        #expect(state.screen == .codeEntry)
        #expect(state.code.error == "This code was already used. Ask the device for a new code.")
        #expect(state.code.errorDetail == "used")
        #expect(state.code.field.text == "ABCD-EFGH")
    }

    // MARK: Review

    @Test func everythingIsIncludedAtFirstAndSpaceToggles() throws {
        var state = try reviewing()
        #expect(
            state.review?.approvalRequest
                == ApprovalRequest(rights: ["0.0", "0.1", "0.2", "0.3"], subjectFormats: ["opaque", "email"]))
        press([.down, .space], &state)
        #expect(state.review?.isIncluded(.right(1)) == false)
        press([.space], &state)
        #expect(state.review?.isIncluded(.right(1)) == true)
    }

    @Test func theApprovalRequestHoldsExactlyTheTickedRightsAndFormats() throws {
        var state = try reviewing()
        press(
            [.character("j"), .space, .character("j"), .character("j"), .character("j"), .character("j"), .space],
            &state)
        press([.character("a")], &state)
        #expect(state.screen == .confirmApproval)
        let effects = press([.character("y")], &state)
        let request = ApprovalRequest(rights: ["0.0", "0.2", "0.3"], subjectFormats: ["opaque"])
        #expect(effects == [.approve(Fixtures.photoPrinter, request)])
        #expect(state.screen == .loading(.approving(request)))
    }

    @Test func approvingWithNothingTickedIsRefusedWithTheOfferToDeny() throws {
        var state = try reviewing()
        for _ in 0..<6 { press([.space, .down], &state) }
        #expect(state.review?.approvalRequest == ApprovalRequest(rights: [], subjectFormats: []))
        #expect(press([.character("a")], &state).isEmpty)
        #expect(state.screen == .review)
        #expect(state.review?.notice == "Nothing is included. Tick an item to approve, or press d to deny.")
        press([.tab, .enter], &state)  // the focused Approve button refuses too
        #expect(state.screen == .review)
        press([.character("d")], &state)
        #expect(state.screen == .deny)
    }

    @Test func escGoesBackFromTheConfirmation() throws {
        var state = try reviewing()
        press([.character("a"), .escape], &state)
        #expect(state.screen == .review)
        press([.character("a"), .character("n")], &state)
        #expect(state.screen == .review)
    }

    @Test func tabMovesTheFocusToTheButtons() throws {
        var state = try reviewing()
        press([.tab], &state)
        #expect(state.review?.focus == .approveButton)
        press([.right], &state)
        #expect(state.review?.focus == .denyButton)
        press([.enter], &state)
        #expect(state.screen == .deny)
    }

    @Test func arrowsScrollTheDocumentToKeepTheSelectionVisible() throws {
        var state = try reviewing()
        press([.end], &state)
        #expect(state.review?.selectedItem == .subjectFormat(1))
        let bottom = try #require(state.review?.scroll)
        #expect(bottom > 0)
        press([.home], &state)
        #expect(state.review?.scroll == 0)
        #expect(state.review?.selectedItem == .right(0))
        press([.pageDown], &state)
        #expect(state.review?.scroll == bottom)  // the document is shorter than two pages
        #expect(state.review?.selectedItem == .right(0))  // still on the screen, so still selected
        press([.character("k")], &state)  // above the first item, arrows scroll
        #expect(state.review?.scroll == bottom - 1)
        press([.pageUp], &state)
        #expect(state.review?.scroll == 0)
    }

    @Test func clickingAToggleTogglesItAndClickingDenyOpensTheDialog() throws {
        var state = try reviewing()
        let screen = VirtualTerminal.renderText(app.view(state, size: state.size)).split(
            separator: "\n", omittingEmptySubsequences: false)
        let toggleRow = try #require(screen.firstIndex { $0.contains("dolphin-metadata") })
        press([.mouse(MouseEvent(position: Point(x: 10, y: toggleRow)))], &state)
        #expect(state.review?.isIncluded(.right(1)) == false)
        #expect(state.review?.selectedItem == .right(1))
        let buttonRow = try #require(screen.firstIndex { $0.contains("Deny (d)") })
        let column = try #require(screen[buttonRow].range(of: "Deny (d)")).lowerBound
        let x = screen[buttonRow].distance(from: screen[buttonRow].startIndex, to: column)
        press([.mouse(MouseEvent(position: Point(x: x, y: buttonRow)))], &state)
        #expect(state.screen == .deny)
    }

    // MARK: Deny

    @Test func denyRequiresAReason() throws {
        var state = try reviewing()
        press([.character("d")], &state)
        #expect(press([.enter], &state).isEmpty)
        #expect(state.denial.error == "Choose a reason with ↑/↓, or type one.")
        press([.up], &state)  // Other…
        #expect(state.denial.choice == 3)
        #expect(press([.enter], &state).isEmpty)
        #expect(state.denial.error == "Type the reason, or choose one of the others with ↑/↓.")
        type("kiosk in the lobby", &state)
        #expect(state.denial.error == nil)
        #expect(press([.enter], &state) == [.deny(Fixtures.photoPrinter, "kiosk in the lobby")])
        #expect(state.screen == .loading(.denying(reason: "kiosk in the lobby")))
    }

    @Test func aPresetReasonWithDetails() throws {
        var state = try reviewing()
        press([.character("d"), .down, .down, .down, .up], &state)
        #expect(state.denial.reason == "The device is not mine")
        type("q", &state)  // text, not quit
        #expect(!state.isQuitting)
        #expect(state.denial.reason == "The device is not mine: q")
        press([.escape], &state)
        #expect(state.screen == .review)
    }

    // MARK: Results, history, help, ticks

    @Test func decisionsEndOnTheResultScreen() throws {
        var state = try reviewing()
        press([.character("a"), .enter], &state)
        _ = app.update(&state, .decided(.success(DecisionResponse(grantID: "g-4711", status: .approved))))
        #expect(state.screen == .result)
        #expect(state.result?.outcome == .approved)
        #expect(state.result?.summary.granted.count == 4)
        press([.character("n")], &state)
        #expect(state.screen == .codeEntry)
        #expect(state.review == nil)

        var failing = try reviewing()
        press([.character("d"), .down, .enter], &failing)
        let failure = ApproverFailure(code: "already_decided", message: "already decided")
        _ = app.update(&failing, .decided(.failure(failure)))
        #expect(failing.result?.outcome == .failed(failure))
        #expect(failing.result?.reason == "I did not start this request")
    }

    @Test func historyOpensADetailAndGoesBack() {
        var state = ApproverState(now: Fixtures.now)
        #expect(press([.escape, .character("h")], &state) == [.loadHistory])
        _ = app.update(&state, .historyLoaded(.success(Fixtures.records)))
        press([.down, .enter], &state)
        #expect(state.screen == .historyDetail)
        #expect(state.history.selectedRecord?.id == "d-1")
        press([.escape], &state)
        #expect(state.screen == .history)
        press([.escape], &state)
        #expect(state.screen == .codeEntry)
        #expect(!state.code.isTyping)
    }

    @Test func backFromAnotherScreenTheCodeFieldWaitsSoQQuitsInsteadOfTyping() throws {
        // Esc from the history, then q: the person means "quit", as on the screen they left.
        var state = ApproverState(now: Fixtures.now)
        press([.escape, .character("h")], &state)
        _ = app.update(&state, .historyLoaded(.success(Fixtures.records)))
        press([.escape, .character("q")], &state)
        #expect(state.code.field.text == "")
        #expect(state.isQuitting)
        // Esc from a review likewise; keys bound to nothing there reach nothing, and Enter only starts typing.
        var leaving = try reviewing()
        let effects = press([.escape, .character("a"), .character("b"), .enter, .enter], &leaving)
        #expect(effects.isEmpty)
        #expect(leaving.screen == .codeEntry && leaving.code.isTyping && leaving.code.field.text == "")
        // A new code after a decision is typed at once.
        var deciding = try reviewing()
        press([.character("d"), .down, .enter], &deciding)
        _ = app.update(&deciding, .decided(.success(DecisionResponse(grantID: "g-4711", status: .denied))))
        press([.character("n")], &deciding)
        #expect(deciding.code.isTyping)
    }

    @Test func onlyASubmittedWellFormedCodeIsSent() {
        // Stray keys in the field and a malformed submission send nothing, so the AS counts nothing.
        var state = ApproverState(now: Fixtures.now)
        var effects = press([.character("q"), .enter, .character("?"), .enter], &state)
        type("ABCD", &state)
        effects += press([.enter], &state)
        #expect(effects.isEmpty)
        #expect(state.code.error?.hasPrefix("Not a valid code") == true)
    }

    @Test func helpShowsAndAnyKeyCloses() throws {
        var state = try reviewing()
        press([.character("?")], &state)
        #expect(state.showsHelp)
        press([.character("a")], &state)
        #expect(!state.showsHelp)
        #expect(state.screen == .review)  // the closing key does nothing else
    }

    @Test func ticksMoveTheCountdown() throws {
        var state = try reviewing()
        func expiry() -> String? {
            VirtualTerminal.renderText(app.view(state, size: state.size)).split(separator: "\n")
                .first { $0.contains("Expires in") || $0.contains("Expired") }.map(String.init)
        }
        #expect(expiry()?.hasSuffix("Expires in 09:41 │") == true)
        _ = app.update(&state, .tick(.seconds(2)))
        #expect(state.now == Fixtures.now.advanced(by: .seconds(2)))
        #expect(expiry()?.hasSuffix("Expires in 09:39 │") == true)
        _ = app.update(&state, .tick(.seconds(600)))
        #expect(expiry()?.hasSuffix("Expired │") == true)
    }

    @Test func theRunnerTicksEverySecond() async throws {
        let harness = AppHarness()
        let clock = harness.clock
        let (state, _) = try await harness.run(
            AppHarness.enter() + [
                .waitFor("Expires in 09:41"),
                .perform { clock.advance(by: .seconds(1)) },
                .waitFor("Expires in 09:40"),
            ])
        #expect(state.now == Fixtures.now.advanced(by: .seconds(1)))
    }

    @Test func noKeymapBindsAKeyTwice() throws {
        var states: [ApproverState] = [ApproverState(now: Fixtures.now)]
        var idle = ApproverState(now: Fixtures.now)
        idle.code.isTyping = false
        states.append(idle)
        for screen: ApproverState.Screen in [.review, .confirmApproval, .deny, .result, .history, .historyDetail] {
            var state = try reviewing()
            state.screen = screen
            states.append(state)
        }
        for state in states {
            let keymap = app.keymap(for: state)
            #expect(!keymap.helpSections.isEmpty)
            #expect(keymap.duplicateKeys.isEmpty, "\(state.screen)")
        }
    }
}

extension ApproverUpdateTests {
    @Test func aLongResultScrollsOnASmallTerminal() throws {
        var state = try reviewing()
        press([.resize(Size(width: 60, height: 18))], &state)
        press([.character("a"), .enter], &state)
        _ = app.update(&state, .decided(.success(DecisionResponse(grantID: "g-4711", status: .approved))))
        func screen() -> String { VirtualTerminal.renderText(app.view(state, size: state.size)) }
        #expect(screen().contains("▼"))
        #expect(!screen().contains("▲"))
        press([.pageDown, .pageDown], &state)
        #expect(state.resultScroll > 0)
        #expect(screen().contains("▲"))
        #expect(!screen().contains("▼"))
        #expect(screen().contains("Withheld"))
        press([.character("k"), .home], &state)  // Home is not bound here: nothing happens
        #expect(state.screen == .result)
        press([.character("n")], &state)
        #expect(state.screen == .codeEntry)
    }
}

extension ApproverUpdateTests {
    @Test func clickingTheCodeFieldFocusesIt() throws {
        var state = ApproverState(now: Fixtures.now)
        press([.escape], &state)
        let lines = VirtualTerminal.renderText(app.view(state, size: state.size)).split(
            separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.contains("XXXX-XXXX") })
        let column = lines[row].distance(
            from: lines[row].startIndex, to: try #require(lines[row].range(of: "XXXX-XXXX")).lowerBound)
        press([.mouse(MouseEvent(position: Point(x: column, y: row - 1)))], &state)
        #expect(!state.code.isTyping)
        press([.mouse(MouseEvent(position: Point(x: column + 2, y: row)))], &state)
        #expect(state.code.isTyping)
    }
}

extension ApproverUpdateTests {
    /// The review of the photo printer on a terminal of `size`, as it first appears.
    func reviewing(at size: Size) throws -> ApproverState {
        var state = ApproverState(now: Fixtures.now, size: size)
        state.screen = .loading(.lookingUp(try UserCode(parsing: "ABCDEFGH")))
        _ = app.update(&state, .codeLookedUp(.success(Fixtures.photoPrinter)))
        return state
    }

    @Test func approvingWaitsUntilEveryRequestedRightWasOnTheScreen() throws {
        var state = try reviewing(at: Size(width: 60, height: 18))
        func screen() -> String { VirtualTerminal.renderText(app.view(state, size: state.size)) }
        // The first screen shows where the rights begin.
        #expect(screen().contains("› [x] photo-api — Photos stored in your library"))
        #expect(screen().contains("Approve only if you started this on your own device."))
        #expect(state.review?.unseenRightCount == 4)
        #expect(press([.character("a")], &state).isEmpty)
        #expect(state.screen == .review)
        #expect(state.review?.notice == "Read the rights first: 4 of 4 not shown yet (↓ or PgDn).")
        press([.tab, .enter], &state)  // the focused Approve button waits too
        #expect(state.screen == .review)
        while state.review?.unseenRightCount ?? 0 > 0, (state.review?.scroll ?? 0) < 40 { press([.pageDown], &state) }
        #expect(state.review?.unseenRightCount == 0)
        #expect(state.review?.notice == nil)
        press([.character("a")], &state)
        #expect(state.screen == .confirmApproval)
    }

    @Test func onAVeryShortScreenTheReviewSaysWhereTheRightsAre() throws {
        var state = try reviewing(at: Size(width: 60, height: 15))
        let screen = VirtualTerminal.renderText(app.view(state, size: state.size))
        #expect(screen.contains("↓ Access requested: photo-api, dolphin-metadata, profil…"))
        // Clicking that line goes to the first right.
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.contains("↓ Access requested") })
        press([.mouse(MouseEvent(position: Point(x: 5, y: row)))], &state)
        #expect(state.review?.selectedItem == .right(0))
        #expect(VirtualTerminal.renderText(app.view(state, size: state.size)).contains("› [x] photo-api"))
    }

    @Test func theHelpScrollsWhenItDoesNotFit() throws {
        var state = try reviewing()
        press([.resize(Size(width: 60, height: 15)), .character("?")], &state)
        #expect(state.showsHelp && state.helpScroll == 0)
        func screen() -> String { VirtualTerminal.renderText(app.view(state, size: state.size)) }
        #expect(screen().contains("↑/↓ PgUp/PgDn scroll · other keys close"))
        #expect(!screen().contains("Quit"))
        press([.character("j"), .down], &state)
        #expect(state.helpScroll == 2)
        press([.end], &state)
        #expect(screen().contains("Quit"))
        let bottom = state.helpScroll
        press([.down], &state)
        #expect(state.helpScroll == bottom)
        press([.home], &state)
        #expect(state.helpScroll == 0)
        press([.character("x")], &state)
        #expect(!state.showsHelp)
        #expect(state.screen == .review)
    }
}

extension ApproverUpdateTests {
    @Test func aPastedLinkOpensThatRequest() {
        var state = ApproverState(now: Fixtures.now)
        let link = "http://127.0.0.1:8080/interact/Xq3Vv2lHc2vRj0iZ4kq8Q4"
        #expect(press([.paste("  \(link)\n")], &state) == [.openInteraction(link)])
        #expect(state.screen == .loading(.openingInteraction(link)))
        _ = app.update(&state, .codeLookedUp(.success(Fixtures.photoPrinter)))
        #expect(state.screen == .review)
    }

    @Test func aTypedLinkIsHeldAsTypedAndEnterOpensIt() throws {
        var state = ApproverState(now: Fixtures.now)
        let link = "gnapterm:approve?as=http%3A%2F%2F127.0.0.1%3A8080&interaction=Xq3V"
        type(link, &state)
        #expect(state.code.isLink)
        #expect(state.code.field.text == link)
        #expect(state.code.error == nil)
        let screen = VirtualTerminal.renderText(app.view(state, size: state.size))
        #expect(screen.contains("Link  "))
        #expect(press([.enter], &state) == [.openInteraction(link)])
        // Emptied, the field takes a code again.
        var emptied = ApproverState(now: Fixtures.now)
        type("https:", &emptied)
        #expect(emptied.code.isLink)
        press(Array(repeating: .backspace, count: 6), &emptied)
        #expect(!emptied.code.isLink)
        type("abcd efgh", &emptied)
        #expect(emptied.code.field.text == "ABCD-EFGH")
        // A code that merely starts like a link stays a code.
        var code = ApproverState(now: Fixtures.now)
        type("http", &code)
        #expect(!code.code.isLink && code.code.field.text == "HTTP")
    }
}

extension ApproverUpdateTests {
    @Test func aLinkStillOpensDuringALockoutOfCodes() {
        var state = ApproverState(now: Fixtures.now)
        type("abcdefgh", &state)
        press([.enter], &state)
        let lockout = ApproverFailure(code: "too_many_attempts", message: "locked", retryAfter: .seconds(900))
        _ = app.update(&state, .codeLookedUp(.failure(lockout)))
        type("abcdefgh", &state)
        #expect(press([.enter], &state).isEmpty)  // a code waits for the lockout
        press(Array(repeating: .backspace, count: 9), &state)
        let link = "https://as.example/interact/Xq3V"
        type(link, &state)
        #expect(press([.enter], &state) == [.openInteraction(link)])
    }
}
