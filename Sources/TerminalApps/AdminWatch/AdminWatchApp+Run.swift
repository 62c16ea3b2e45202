import Foundation
import GNAP
import TerminalUI

extension AdminWatchApp {
    /// Runs the admin view full screen on the real terminal until the admin quits. The terminal is restored
    /// however this ends (return, error, signal). With `bell`, a new request rings the terminal's bell.
    public static func run(
        backend: some AdminWatchBackend, theme: Theme, bell: Bool = false, timeZone: TimeZone = .current
    ) async throws {
        let app = AdminWatchApp(identity: backend.identityDescription, timeZone: timeZone, bell: bell)
        let clock = WallClock()
        try await CursesTerminal.run(options: CursesTerminal.Options(theme: theme)) { terminal in
            let handler = AdminWatchEffectHandler(backend: backend, ring: { await terminal.bell() })
            let state = AdminWatchState(now: clock.now, size: await terminal.size)
            let runner = ProgramRunner(
                program: app, driver: terminal, clock: clock, configuration: runnerConfiguration,
                effectHandler: handler.handle)
            _ = try await runner.run(state, initialEffects: initialEffects)
        }
    }
}
