import GNAP
import TerminalApps
import TerminalUI
import TerminalUITestSupport
import Testing

/// Every screen and dialog of the approver at 80x24 and 120x40, with the fixed clock (re-record with
/// RECORD_SNAPSHOTS=1). The files are `Snapshots/screen-<name>-<width>x<height>.txt`.
@Suite struct ApproverGoldenSizeTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    static let history: [VirtualTerminal.Step] = [.key(.escape), .type("h"), .waitFor("Photo Printer")]

    /// The script that leads to each screen.
    static let screens: [String: [VirtualTerminal.Step]] = [
        "code-entry": [.type("abcd")],
        "code-entry-error": [.type("zzzz-zzzz"), .key(.enter), .waitFor("No request has this code")],
        "review": AppHarness.enter(),
        "review-help": AppHarness.enter() + [.type("?")],
        "confirm": AppHarness.enter() + [.type("j"), .key(.space), .type("a")],
        "confirm-subject-only": AppHarness.enter() + [
            .key(.space), .type("j"), .key(.space), .type("j"), .key(.space), .type("j"), .key(.space), .type("a"),
        ],
        "review-nothing-included": AppHarness.enter()
            + Array(repeating: [VirtualTerminal.Step.key(.space), .type("j")], count: 6).flatMap { $0 } + [.type("a")],
        "deny": AppHarness.enter() + [.type("d"), .key(.down), .type("details")],
        "result-approved": AppHarness.enter() + [.type("a"), .key(.enter), .waitFor("✓ Approved")],
        "result-denied": AppHarness.enter() + [.type("d"), .key(.down), .key(.enter), .waitFor("✗ Denied")],
        "history": history,
        "history-search-typing": history + [.type("/calendar")],
        "history-search": history + [.type("/calendar"), .key(.enter), .waitFor("match 1 of 1")],
        "history-detail": history + [.key(.enter)],
        "history-help": history + [.type("?")],
        "keys-help": history + [.key(.tab), .key(.tab), .waitFor("Thumbprint"), .type("?")],
        "active-grants": history + [.key(.tab), .waitFor("(self-asserted)")],
        "revoke": history + [.key(.tab), .waitFor("(self-asserted)"), .type("r"), .type("lost the device")],
        "keys": history + [.key(.tab), .key(.tab), .waitFor("Thumbprint")],
        "rotate": history + [.key(.tab), .key(.tab), .waitFor("Thumbprint"), .type("r")],
    ]

    @Test(arguments: screens.keys.sorted(), sizes)
    func screen(_ name: String, size: Size) async throws {
        let steps = try #require(Self.screens[name])
        let (_, terminal) = try await AppHarness(size: size).run(steps)
        assertSnapshot(await terminal.screenText, named: "screen-\(name)-\(size.width)x\(size.height)")
    }

    @Test(arguments: [Size(width: 59, height: 24), Size(width: 80, height: 14)])
    func tooSmall(_ size: Size) async throws {
        let (_, terminal) = try await AppHarness(size: size).run([])
        let screen = await terminal.screenText
        #expect(screen.contains("Terminal too small: need 60x15, have \(size.width)x\(size.height)"))
        assertSnapshot(screen, named: "screen-too-small-\(size.width)x\(size.height)")
    }

    /// Short screens: the smallest the approver takes, and the 60x18 of a small window.
    static let smallSizes = [Size(width: 60, height: 18), Size(width: 60, height: 15)]

    /// The review on a short screen shows part of the requested rights (or says they are further down), refuses to
    /// approve before every right was on the screen, and its help scrolls.
    static let smallScreens: [String: [VirtualTerminal.Step]] = [
        "code-entry": [.type("abcd")],
        "review": AppHarness.enter(read: false),
        "review-approve-early": AppHarness.enter(read: false) + [.type("a")],
        "review-help": AppHarness.enter(read: false) + [.type("?")],
        "review-help-scrolled": AppHarness.enter(read: false) + [.type("?"), .key(.pageDown), .key(.pageDown)],
        // Page by page through the review, then approve.
        "confirm": AppHarness.enter(read: false) + Array(repeating: .key(.pageDown), count: 5) + [.type("a")],
        "confirm-scrolled": AppHarness.enter(read: false) + Array(repeating: .key(.pageDown), count: 5)
            + [.type("a"), .key(.pageDown), .key(.pageDown)],
    ]

    @Test(arguments: smallScreens.keys.sorted(), smallSizes)
    func smallScreen(_ name: String, size: Size) async throws {
        let steps = try #require(Self.smallScreens[name])
        let (_, terminal) = try await AppHarness(size: size).run(steps)
        assertSnapshot(await terminal.screenText, named: "screen-\(name)-\(size.width)x\(size.height)")
    }
}
