import GNAP
import TerminalApps
import TerminalUI
import TerminalUITestSupport
import Testing

/// Each terminal convention, checked on the approver. (Ctrl-C everywhere, the help overlay's
/// any-key close, Tab on the review and clicks on review toggles have their own tests in ApproverUpdateTests; the
/// panes and `/` n/N in ApproverRecordsTests; SIGTERM, SIGHUP and a real resize in the tmux end-to-end tests.)
@Suite struct TerminalConventionTests {
    let app = ApproverApp(identity: Fixtures.identity, timeZone: Fixtures.utc)

    /// One state per screen, each as the app reaches it.
    func states() throws -> [ApproverState] {
        var states: [ApproverState] = []
        var state = ApproverState(now: Fixtures.now)
        states.append(state)
        state.screen = .loading(.lookingUp(try UserCode(parsing: "ABCDEFGH")))
        _ = app.update(&state, .codeLookedUp(.success(Fixtures.photoPrinter)))
        // Every right on the screen once, so that approving is possible.
        for key in [Key.end, .home] { _ = app.message(for: key, in: state).map { app.update(&state, $0) } }
        states.append(state)
        for screen in [ApproverState.Screen.confirmApproval, .deny, .history, .activeGrants, .keys] {
            var other = state
            other.screen = screen
            states.append(other)
        }
        var detail = state
        detail.screen = .history
        _ = app.update(&detail, .historyLoaded(.success(Fixtures.records)))
        detail.screen = .historyDetail
        states.append(detail)
        return states
    }

    @Test func theHelpOverlayListsEveryEntryOfTheScreensKeymap() throws {
        for var state in try states() {
            let keymap = app.keymap(for: state)
            state.showsHelp = true
            let screen = VirtualTerminal.renderText(app.view(state, size: Size(width: 120, height: 40)))
            for entry in keymap.entries where entry.showsInHelp {
                #expect(screen.contains(entry.help), "\(state.screen): \(entry.help)")
            }
        }
    }

    @Test func jAndKAreTheArrowsWhereverTheArrowsMove() throws {
        for state in try states() where !isTyping(state) {
            let keymap = app.keymap(for: state)
            if let down = keymap.command(for: .down) {
                #expect(keymap.command(for: .character("j")) == down, "\(state.screen)")
            }
            if let up = keymap.command(for: .up) {
                #expect(keymap.command(for: .character("k")) == up, "\(state.screen)")
            }
        }
    }

    @Test func escGoesBackOneStepOnEveryScreen() throws {
        let expected: [ApproverState.Screen: ApproverState.Screen] = [
            .review: .codeEntry, .confirmApproval: .review, .deny: .review, .history: .codeEntry,
            .historyDetail: .history, .activeGrants: .codeEntry, .keys: .codeEntry,
        ]
        for var state in try states() where expected[state.screen] != nil {
            let from = state.screen
            if let message = app.message(for: .escape, in: state) { _ = app.update(&state, message) }
            #expect(state.screen == expected[from], "Esc on \(from)")
            #expect(!state.isQuitting)
        }
        var grants = try states()[0]
        grants.screen = .activeGrants
        grants.grants.isLoading = true
        _ = app.update(&grants, .activeGrantsLoaded(.success(Fixtures.grants)))
        _ = app.update(&grants, .command(.revoke))
        #expect(grants.screen == .revokeGrant)
        _ = app.update(&grants, .command(.back))
        #expect(grants.screen == .activeGrants)
    }

    @Test func qQuitsWhereNothingIsTypedAndIsTextWhereSomethingIs() throws {
        for var state in try states() {
            let typing = isTyping(state)
            if let message = app.message(for: .character("q"), in: state) { _ = app.update(&state, message) }
            #expect(state.isQuitting == !typing, "\(state.screen)")
        }
    }

    /// Clicks on the buttons of every dialog do what the keys do.
    @Test func mouseClicksPressTheDialogButtons() throws {
        let size = Size(width: 80, height: 24)
        func click(_ title: String, _ state: inout ApproverState) throws -> [ApproverEffect] {
            let screen = VirtualTerminal.renderText(app.view(state, size: size)).split(
                separator: "\n", omittingEmptySubsequences: false)
            let row = try #require(screen.firstIndex { $0.contains(title) }, "\(title) on \(state.screen)")
            let column = try #require(screen[row].range(of: title)).lowerBound
            let x = screen[row].distance(from: screen[row].startIndex, to: column) + 1
            let message = try #require(app.message(for: .mouse(MouseEvent(position: Point(x: x, y: row))), in: state))
            return app.update(&state, message)
        }
        var state = try states()[1]
        _ = app.update(&state, .command(.approve))
        #expect(try click("Back (n)", &state).isEmpty)
        #expect(state.screen == .review)
        _ = app.update(&state, .command(.approve))
        #expect(try click("Approve (y)", &state).count == 1)

        var grants = try states()[0]
        grants.screen = .activeGrants
        grants.grants.isLoading = true
        _ = app.update(&grants, .activeGrantsLoaded(.success(Fixtures.grants)))
        _ = app.update(&grants, .command(.revoke))
        #expect(try click("Back (Esc)", &grants).isEmpty)
        #expect(grants.screen == .activeGrants)
        _ = app.update(&grants, .command(.revoke))
        #expect(try click("Revoke (Enter)", &grants) == [.revokeGrant("grant-7Q2", reason: GrantsState.defaultReason)])

        var keys = try states()[0]
        keys.screen = .keys
        keys.keys.isLoading = true
        _ = app.update(&keys, .keysLoaded(.success(Fixtures.keys)))
        _ = app.update(&keys, .command(.rotateKey))
        #expect(try click("Back (n)", &keys).isEmpty)
        #expect(keys.screen == .keys)
        _ = app.update(&keys, .command(.rotateKey))
        #expect(try click("Rotate (y)", &keys) == [.rotateKey])
    }

    /// SIGWINCH arrives as a resize: the next frame is laid out for the new size (the runner redraws on it).
    @Test func aResizeReflowsTheReview() async throws {
        let (state, terminal) = try await AppHarness().run(
            AppHarness.enter() + [.resize(Size(width: 64, height: 20)), .waitFor("rights included")])
        #expect(state.size == Size(width: 64, height: 20))
        let lines = await terminal.screenText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 20)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 64 })
        assertSnapshot(await terminal.screenText, named: "screen-review-resized-64x20")
    }

    @Test func wideCharactersAndEmojiInClientNamesKeepEveryRowAtTheTerminalWidth() async throws {
        var review = Fixtures.cjk
        review.client.display = ClientDisplay(name: "📷 写真プリンター 東京 🇯🇵", uri: "https://shashin.example.jp")
        let backend = FakeBackend(reviews: ["ABCDEFGH": review])
        let (_, terminal) = try await AppHarness(backend: backend).run(AppHarness.enter())
        let frame = try #require(await terminal.lastFrame)
        // Every wide character takes exactly two cells: the left one holds it, the right one continues it.
        for y in 0..<frame.size.height {
            for x in 0..<frame.size.width
            where DisplayWidth.of(frame[x, y].character) == 2 && !frame[x, y].isContinuation {
                #expect(x + 1 < frame.size.width && frame[x + 1, y].isContinuation, "(\(x), \(y))")
            }
        }
        let screen = await terminal.screenText
        #expect(screen.contains("📷 写真プリンター 東京"))
        assertSnapshot(screen, named: "screen-review-emoji-80x24")
    }

    @Test func noColorAndTheThemesAreChosenByName() {
        #expect(Theme.resolve(name: "high-contrast", environment: [:]) == .highContrast)
        #expect(Theme.resolve(name: "default", environment: [:]) == .default)
        #expect(Theme.resolve(name: "high-contrast", environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(Theme.resolve(name: nil, environment: ["NO_COLOR": ""]) == .default)
        #expect(Theme.monochrome.isMonochrome)
        #expect(!Theme.highContrast.isMonochrome)
    }

    private func isTyping(_ state: ApproverState) -> Bool {
        switch state.screen {
        case .codeEntry: state.code.isTyping
        case .deny, .revokeGrant: true
        case .history: state.history.search.isTyping
        default: false
        }
    }
}
