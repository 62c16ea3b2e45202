import GNAP
import TerminalApps
import TerminalUI
import TerminalUITestSupport

/// Runs the real `ApproverApp` on a `VirtualTerminal` with a manual clock and a fake backend; the script ends
/// with Ctrl-C, so the last frame is the screen after the last scripted step.
struct AppHarness {
    var backend = FakeBackend()
    var size = Size(width: 80, height: 24)
    var hint: String?
    var clock = ManualClock()
    /// Starts on this interaction URL instead of the code entry (`gnapterm approve --as AS URL`).
    var interaction: String?

    @discardableResult
    func run(_ steps: [VirtualTerminal.Step]) async throws -> (state: ApproverState, terminal: VirtualTerminal) {
        let terminal = VirtualTerminal(size: size, script: steps + [.key(.ctrl("c"))])
        let app = ApproverApp(identity: backend.identityDescription, timeZone: Fixtures.utc)
        let handler = ApproverEffectHandler(backend: backend, terminal: terminal)
        let runner = ProgramRunner(
            program: app, driver: terminal, clock: clock, configuration: ApproverApp.runnerConfiguration,
            effectHandler: handler.handle)
        var (initial, effects) = (ApproverState(now: Fixtures.now, size: size, hint: hint), [ApproverEffect]())
        if let interaction { (initial, effects) = ApproverState.opening(interaction, now: Fixtures.now, size: size) }
        let state = try await runner.run(initial, initialEffects: effects)
        return (state, terminal)
    }

    /// The steps that enter `code` and wait for the review; with `read`, they then go to the end of the review and
    /// back to the top (G, g), as a person reads it, so that every right has been on the screen.
    static func enter(_ code: String = "abcd-efgh", read: Bool = true) -> [VirtualTerminal.Step] {
        [.type(code), .key(.enter), .waitFor("Access requested")] + (read ? [.type("G"), .type("g")] : [])
    }
}

extension VirtualTerminal {
    /// The last frame with style markers.
    var styledScreen: String { lastFrame.map(VirtualTerminal.renderStyledText) ?? "" }
}
