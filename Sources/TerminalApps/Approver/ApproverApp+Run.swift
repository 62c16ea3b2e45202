import Foundation
import GNAP
import TerminalSession
import TerminalUI

extension ApproverApp {
    /// Runs the approver app full screen on the real terminal until the person quits, with the wall clock for the
    /// countdowns. The terminal is restored however this ends (return, error, signal).
    /// - Parameters:
    ///   - backend: the AS's interaction API and the local history.
    ///   - theme: colours; pass `Theme.resolve(name:environment:)` to honour `NO_COLOR`.
    ///   - hint: a line shown under the code field (the demo says which code its device shows).
    ///   - interaction: an interaction URL or application URI to open right away instead of asking for a code.
    ///   - timeZone: the time zone of the times shown. Default: the system's.
    ///   - inbox: how the inbox behaves (`--watch` starts there and comes back after each decision; notifications).
    public static func run(
        backend: some ApproverBackend,
        theme: Theme,
        hint: String?,
        interaction: String? = nil,
        timeZone: TimeZone = .current,
        inbox: InboxOptions = InboxOptions()
    ) async throws {
        let app = ApproverApp(identity: backend.identityDescription, timeZone: timeZone)
        let clock = WallClock()
        try await CursesTerminal.run(options: CursesTerminal.Options(theme: theme)) { terminal in
            let handler = ApproverEffectHandler(backend: backend, terminal: terminal)
            let size = await terminal.size
            var (state, effects) = (ApproverState(now: clock.now, size: size, hint: hint), [ApproverEffect]())
            if let interaction { (state, effects) = ApproverState.opening(interaction, now: clock.now, size: size) }
            effects += inbox.prepare(&state)
            let inboxHandler = InboxEffectHandler(backend: backend) {
                await terminal.notify($0, methods: inbox.methods)
            }
            let runner = ProgramRunner(
                program: app, driver: terminal, clock: clock, configuration: ApproverApp.runnerConfiguration,
                effectHandler: { effect in
                    if case .inbox(let inboxEffect) = effect { return await inboxHandler.handle(inboxEffect) }
                    return await handler.handle(effect)
                })
            _ = try await runner.run(state, initialEffects: effects)
        }
    }
}
