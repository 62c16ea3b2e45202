import GNAP
import Synchronization
import TerminalApps
import TerminalUI
import TerminalUITestSupport
import Testing

/// The inbox pane and a review opened from it, on the virtual terminal with the fixed clock, at 80x24 and 120x40
/// (re-record with RECORD_SNAPSHOTS=1). The app runs as `approve --watch` does: inbox effects go to an
/// ``InboxEffectHandler`` whose notifications are recorded.
@Suite struct InboxScreenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    static func run(_ steps: [VirtualTerminal.Step], size: Size, watch: Bool = true) async throws -> (
        state: ApproverState, terminal: VirtualTerminal
    ) {
        let backend = FakeBackend(
            inboxSnapshot: InboxFixtures.snapshot, inboxReviews: ["g-bot": InboxFixtures.botReview])
        let terminal = VirtualTerminal(size: size, script: steps + [.key(.ctrl("c"))])
        let app = ApproverApp(identity: backend.identityDescription, timeZone: Fixtures.utc)
        let handler = ApproverEffectHandler(backend: backend, terminal: terminal)
        let inboxHandler = InboxEffectHandler(backend: backend) { _ in }
        let runner = ProgramRunner(
            program: app, driver: terminal, clock: ManualClock(), configuration: ApproverApp.runnerConfiguration,
            effectHandler: { effect in
                if case .inbox(let inboxEffect) = effect { return await inboxHandler.handle(inboxEffect) }
                return await handler.handle(effect)
            })
        var state = ApproverState(now: Fixtures.now, size: size, hint: nil)
        let effects = InboxOptions(watch: watch).prepare(&state)
        return (try await runner.run(state, initialEffects: effects), terminal)
    }

    static let screens: [String: [VirtualTerminal.Step]] = [
        "inbox": [.waitFor("CI runner")],
        "inbox-review": [.waitFor("CI runner"), .key(.enter), .waitFor("Access requested")],
        "inbox-block-selected": [.waitFor("CI runner"), .type("G")],
    ]

    @Test(arguments: screens.keys.sorted(), sizes)
    func screen(_ name: String, size: Size) async throws {
        let steps = try #require(Self.screens[name])
        let (_, terminal) = try await Self.run(steps, size: size)
        assertSnapshot(await terminal.screenText, named: "screen-\(name)-\(size.width)x\(size.height)")
    }

    @Test func theInboxShowsTheAgentApartFromTheClientAndTheCountInTheHeader() async throws {
        let (state, terminal) = try await Self.run([.waitFor("CI runner")], size: Size(width: 120, height: 40))
        let screen = await terminal.screenText
        #expect(state.screen == .inbox)
        #expect(screen.contains("Inbox 2"))
        // Vetted names carry ✓, self-asserted ones are quoted.
        #expect(screen.contains("release-bot ✓ via CI runner ✓: deploy: write; logs: read"))
        #expect(screen.contains("“nightly” via “backup.sh”: photos: read"))
        #expect(screen.contains("Spam Cannon"))
    }

    /// Nobody started an inbox request on a device of their own: the review does not tell them to approve only if
    /// they did.
    @Test func aReviewFromTheInboxAsksWhetherTheClientIsExpected() async throws {
        let (_, terminal) = try await Self.run(
            [.waitFor("CI runner"), .key(.enter), .waitFor("Access requested")], size: Size(width: 120, height: 40))
        let screen = await terminal.screenText
        #expect(screen.contains("A client asks for access to your account (from your inbox)"))
        #expect(screen.contains("Approve only if you expect this client to act for you now."))
        #expect(!screen.contains("you started this"))
    }

    /// Without `--watch` the approver opens on code entry; `I` (the key help's "Show the requests waiting in your
    /// inbox") opens the Inbox pane once the code field is left, and is just a letter while typing a code.
    @Test func theIKeyOpensTheInboxPaneFromCodeEntry() async throws {
        let size = Size(width: 120, height: 40)
        let (typing, typingTerminal) = try await Self.run([.waitFor("Inbox 2"), .type("I")], size: size, watch: false)
        #expect(typing.screen == .codeEntry && typing.code.isTyping)
        #expect(!(await typingTerminal.screenText).contains("CI runner"))
        let (state, terminal) = try await Self.run(
            [.waitFor("Inbox 2"), .key(.escape), .type("I"), .waitFor("CI runner")], size: size, watch: false)
        #expect(state.screen == .inbox)
        let screen = await terminal.screenText
        #expect(screen.contains("release-bot ✓ via CI runner ✓: deploy: write; logs: read"))
    }

    @Test func aDecisionInWatchModeReturnsToTheInbox() async throws {
        let (state, _) = try await Self.run(
            [
                .waitFor("CI runner"), .key(.enter), .waitFor("Access requested"), .type("G"), .type("g"), .type("a"),
                .key(.enter), .waitFor("Approved"), .key(.enter),
            ], size: Size(width: 120, height: 40))
        #expect(state.screen == .inbox)
    }
}

/// The desktop notification sequences: OSC 9 and OSC 777, with nothing in the texts that could end them early.
@Suite struct TerminalNotificationTests {
    @Test func sequencesCarryTitleAndBodyWithoutControlCharacters() {
        let notification = TerminalNotification(title: "gnap;term", body: "bot\u{07}\u{1B}]0;pwned asks")
        #expect(notification.sequence(.osc9) == "\u{1B}]9;gnap;term: bot]0;pwned asks\u{07}")
        #expect(notification.sequence(.osc777) == "\u{1B}]777;notify;gnap,term;bot]0;pwned asks\u{07}")
    }

    @Test func methodsFollowTheTerminal() {
        #expect(TerminalNotification.methods(environment: ["TERM_PROGRAM": "iTerm.app"]) == [.osc9])
        #expect(TerminalNotification.methods(environment: ["TERM_PROGRAM": "WezTerm"]) == [.osc9, .osc777])
        #expect(TerminalNotification.methods(environment: ["TERM": "rxvt-unicode-256color"]) == [.osc777])
        // tmux and screen do not pass them through: the bell only.
        #expect(TerminalNotification.methods(environment: ["TERM_PROGRAM": "WezTerm", "TMUX": "/tmp/x"]).isEmpty)
        #expect(TerminalNotification.methods(environment: ["TERM": "xterm-256color"]).isEmpty)
    }
}
