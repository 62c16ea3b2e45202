import GNAP
import TerminalApps
import TerminalSession
import TerminalUI
import TerminalUITestSupport
import Testing

/// The records view: history search with `/` and `n`/`N`, the panes (Tab), active grants with revoke, device keys
/// with rotation.
@Suite struct ApproverRecordsTests {
    let app = ApproverApp(identity: Fixtures.identity, timeZone: Fixtures.utc)

    @discardableResult
    func press(_ keys: [Key], _ state: inout ApproverState) -> [ApproverEffect] {
        var effects: [ApproverEffect] = []
        for key in keys {
            if let message = app.message(for: key, in: state) { effects += app.update(&state, message) }
        }
        return effects
    }

    /// The history screen with three records (the second and third are "Calendar").
    func onHistory() -> ApproverState {
        var state = ApproverState(now: Fixtures.now)
        press([.escape, .character("h")], &state)
        #expect(state.screen == .history)
        _ = app.update(&state, .historyLoaded(.success(Self.records)))
        return state
    }

    static let records: [DecisionRecord] =
        Fixtures.records + [
            DecisionRecord(
                denying: Fixtures.calendarSync, reason: "Too much access requested", id: "d-0",
                decidedAt: Fixtures.now.advanced(by: .seconds(-172_800)), server: "http://127.0.0.1:8080")
        ]

    @Test func slashSearchesTheHistoryAndNMovesBetweenMatches() {
        var state = onHistory()
        press([.character("/")], &state)
        #expect(state.history.search.isTyping)
        // While typing, n and q are text, not commands.
        let effects = press("calendar".map(Key.character) + [.enter], &state)
        #expect(effects == [.searchHistory("calendar")])
        #expect(!state.history.search.isTyping)
        _ = app.update(&state, .historySearched("calendar", .success(Array(Self.records.suffix(2)))))
        #expect(state.history.search.matches == [1, 2])
        #expect(state.history.list.selection == 1)
        #expect(state.history.search.status(selection: 1) == "match 1 of 2 for “calendar” (n/N)")
        press([.character("n")], &state)
        #expect(state.history.list.selection == 2)
        press([.character("n")], &state)
        #expect(state.history.list.selection == 1)
        press([.character("N")], &state)
        #expect(state.history.list.selection == 2)
        // Esc clears the search first, then leaves the history.
        press([.escape], &state)
        #expect(state.history.search.query == nil)
        #expect(state.screen == .history)
        press([.escape], &state)
        #expect(state.screen == .codeEntry)
    }

    @Test func aSearchWithoutMatchesSaysSoAndEscStopsTyping() {
        var state = onHistory()
        press([.character("/"), .character("x"), .escape], &state)
        #expect(!state.history.search.isTyping)
        #expect(state.screen == .history)
        press([.character("/"), .enter], &state)
        #expect(state.history.search.query == nil)
        press([.character("/"), .character("z"), .enter], &state)
        _ = app.update(&state, .historySearched("z", .success([])))
        #expect(state.history.search.status(selection: state.history.list.selection) == "No decision matches “z”")
        _ = app.update(&state, .historySearched("late", .success([])))  // not running any more: ignored
        press([.character("/"), .character("y"), .enter], &state)
        _ = app.update(&state, .historySearched("y", .failure(ApproverFailure(code: nil, message: "disk on fire"))))
        #expect(state.history.search.error == "disk on fire")
    }

    @Test func tabCyclesThePanesAndEachLoadsItsContent() {
        var state = onHistory()
        #expect(press([.tab], &state) == [.loadActiveGrants])
        #expect(state.screen == .activeGrants)
        #expect(press([.tab], &state) == [.loadKeys])
        #expect(state.screen == .keys)
        // The inbox connects the first time it is shown, then only switches.
        #expect(press([.tab], &state) == [.inbox(.connect(after: nil, delay: .zero))])
        #expect(state.screen == .inbox)
        #expect(press([.tab], &state) == [.loadHistory])
        #expect(state.screen == .history)
        #expect(press([.backTab], &state) == [])
        #expect(state.screen == .inbox)
        #expect(press([.backTab], &state) == [.loadKeys])
        #expect(press([.backTab], &state) == [.loadActiveGrants])
        #expect(press([.backTab], &state) == [.loadHistory])
    }

    func onGrants() -> ApproverState {
        var state = onHistory()
        press([.tab], &state)
        _ = app.update(&state, .activeGrantsLoaded(.success(Fixtures.grants)))
        return state
    }

    @Test func revokingAGrantAsksThenSendsTheReasonAndRemovesIt() {
        var state = onGrants()
        press([.character("j"), .character("r")], &state)
        #expect(state.screen == .revokeGrant)
        press([.escape], &state)
        #expect(state.screen == .activeGrants)
        press([.character("r")], &state)
        let effects = press("lost it".map(Key.character) + [.enter], &state)
        #expect(effects == [.revokeGrant("grant-K9Z", reason: "lost it")])
        #expect(press([.enter], &state).isEmpty)  // one revocation at a time
        _ = app.update(&state, .grantRevoked("grant-K9Z", .success(true)))
        #expect(state.screen == .activeGrants)
        #expect(state.grants.grants.map(\.id) == ["grant-7Q2"])
        #expect(state.grants.notice == "Revoked “Calendar Sync”: its tokens no longer work.")
        // Without a typed reason the default one is sent.
        press([.character("r")], &state)
        #expect(press([.enter], &state) == [.revokeGrant("grant-7Q2", reason: GrantsState.defaultReason)])
        _ = app.update(&state, .grantRevoked("grant-7Q2", .failure(.notOffered("revoking grants from the approver"))))
        #expect(
            state.grants.notice
                == "Not revoked: This authorization server does not offer revoking grants from the approver.")
        #expect(state.grants.grants.count == 1)
    }

    @Test func aServerWithoutTheListSaysSo() {
        var state = onHistory()
        press([.tab], &state)
        _ = app.update(&state, .activeGrantsLoaded(.failure(.notOffered("a list of your active grants"))))
        #expect(state.grants.error == "This authorization server does not offer a list of your active grants.")
    }

    @Test func rotatingTheKeyAsksThenReloadsTheKeys() {
        var state = onGrants()
        press([.tab], &state)
        _ = app.update(&state, .keysLoaded(.success(Fixtures.keys)))
        press([.character("r")], &state)
        #expect(state.screen == .rotateKey)
        press([.character("n")], &state)
        #expect(state.screen == .keys)
        press([.character("r")], &state)
        #expect(press([.character("y")], &state) == [.rotateKey])
        var rotated = Fixtures.keys[0]
        rotated.thumbprint = "new-thumbprint"
        #expect(app.update(&state, .keyRotated(.success(rotated))) == [.loadKeys])
        #expect(state.keys.notice == "New key new-thumbprint enrolled; the old key is revoked.")
        press([.character("r"), .enter], &state)
        _ = app.update(&state, .keyRotated(.failure(.notOffered("device key rotation"))))
        #expect(state.keys.notice == "Not rotated: This authorization server does not offer device key rotation.")
    }

    @Test func theHelpOverlayListsTheSearchAndPaneKeys() {
        let state = onHistory()
        let sections = app.keymap(for: state).helpSections
        let helps = sections.flatMap(\.entries).map(\.help)
        #expect(helps.contains("Search the history (every word, any field)"))
        #expect(helps.contains("Next match of the search"))
        #expect(helps.contains("Next pane (decisions, active grants, keys, inbox)"))
        for screen in [ApproverState.Screen.activeGrants, .keys, .revokeGrant, .rotateKey, .inbox] {
            var other = state
            other.screen = screen
            #expect(app.keymap(for: other).duplicateKeys.isEmpty, "\(screen)")
        }
    }
}

/// The AS's remaining attempts and lockout on the code screen.
@Suite struct CodeLockoutTests {
    let app = ApproverApp(identity: Fixtures.identity, timeZone: Fixtures.utc)

    @Test func aLockoutCountsDownAndHoldsCodesBackUntilItEnds() throws {
        var state = ApproverState(now: Fixtures.now)
        state.screen = .loading(.lookingUp(try UserCode(parsing: "ABCDEFGH")))
        let failure = ApproverFailure(
            code: "too_many_attempts", message: "too many failed code entries from this device; try again in 300 s",
            retryAfter: .seconds(300))
        _ = app.update(&state, .codeLookedUp(.failure(failure)))
        #expect(state.code.lockedUntil == Fixtures.now.advanced(by: .seconds(300)))
        let screen = VirtualTerminal.renderText(app.view(state, size: Size(width: 80, height: 24)))
        #expect(screen.contains("Too many attempts: this device may enter a code again in 05:00."))
        #expect(screen.contains("The server said: too many failed code entries"))
        _ = app.update(&state, .tick(.seconds(61)))
        #expect(
            VirtualTerminal.renderText(app.view(state, size: Size(width: 80, height: 24)))
                .contains("may enter a code again in 03:59."))
        for character in "ABCDEFGH" { _ = app.update(&state, .edit(.character(character))) }
        #expect(app.update(&state, .command(.submitCode)).isEmpty)
        _ = app.update(&state, .tick(.seconds(300)))
        #expect(app.update(&state, .command(.submitCode)) == [.enterCode(try UserCode(parsing: "ABCDEFGH"))])
    }

    @Test func triesLeftFromTheServerAreShownBesideTheMessage() throws {
        var state = ApproverState(now: Fixtures.now)
        state.screen = .loading(.lookingUp(try UserCode(parsing: "ABCDEFGH")))
        let failure = ApproverFailure(
            code: "unknown_user_code",
            message: "no request has this code; 2 tries left on this device before a 15-minute lockout")
        _ = app.update(&state, .codeLookedUp(.failure(failure)))
        let screen = VirtualTerminal.renderText(app.view(state, size: Size(width: 80, height: 24)))
        #expect(screen.contains("No request has this code."))
        #expect(screen.contains("2 tries left on this device"))
        #expect(state.code.lockedUntil == nil)
    }
}
