import GNAP
import GNAPClient
import Synchronization
import TerminalUI

/// Shows the device's progress: JSON lines on stdout, or (human mode) the code banner and a status line with a
/// countdown on stderr — stdout stays reserved for the tokens.
final class DeviceProgressDisplay<C: Clock & Sendable>: Sendable where C.Instant == WallInstant {
    let serverURL: String
    let json: Bool
    /// Raw writers: callers include line breaks.
    let stdout: @Sendable (String) -> Void
    let stderr: @Sendable (String) -> Void
    let stderrIsTerminal: Bool
    let clock: C
    private let state = Mutex<(banner: DeviceBanner?, status: DeviceBanner.Status)>((nil, .waiting))

    init(
        serverURL: String, json: Bool, stdout: @escaping @Sendable (String) -> Void,
        stderr: @escaping @Sendable (String) -> Void, stderrIsTerminal: Bool, clock: C
    ) {
        self.serverURL = serverURL
        self.json = json
        self.stdout = stdout
        self.stderr = stderr
        self.stderrIsTerminal = stderrIsTerminal
        self.clock = clock
    }

    func show(_ event: DeviceFlow<C>.Event) async {
        switch event {
        case .interaction(let interaction):
            if json {
                stdout(DeviceOutput.interaction(interaction) + "\n")
                return
            }
            let parsed = interaction.userCode.flatMap { try? UserCode(parsing: $0) }
            if let code = interaction.userCode, parsed == nil {
                stderr("Enter this code: \(TextSanitizer.sanitize(code))\n")
            }
            let banner = DeviceBanner(
                userCode: parsed, userCodeURI: interaction.userCodeURI, interactionURL: interaction.redirect,
                appURI: interaction.app, serverURL: serverURL, expiresAt: interaction.expiresAt)
            state.withLock { $0.banner = banner }
            for line in banner.lines(now: clock.now, width: 80) { stderr(line + "\n") }
            redrawStatus()
        case .waiting(let next):
            if json { stdout(DeviceOutput.waiting(nextPollAt: next) + "\n") }
            state.withLock { $0.status = .waiting }
            redrawStatus()
        case .interactionFinished:
            if json { stdout(DeviceOutput.interactionFinished + "\n") }
        case .retrying(let reason, let next):
            if json { stdout(DeviceOutput.waiting(nextPollAt: next, reason: reason) + "\n") }
            state.withLock { $0.status = .retrying }
            redrawStatus()
        }
    }

    /// Runs `body` while a ticker redraws the countdown every second (terminal only).
    func whileRunning<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard !json, stderrIsTerminal else { return try await body() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(1))
                    self.redrawStatus()
                }
                return nil
            }
            let result = try await body()
            group.cancelAll()
            return result
        }
    }

    func finish(_ status: DeviceBanner.Status) {
        guard !json else { return }
        state.withLock { $0.status = status }
        redrawStatus()
        if stderrIsTerminal { stderr("\n") }
    }

    private func redrawStatus() {
        guard !json else { return }
        let (banner, status) = state.withLock { ($0.banner, $0.status) }
        guard let banner else { return }
        let line = DeviceBanner.statusLine(status: status, expiresAt: banner.expiresAt, now: clock.now)
        if stderrIsTerminal {
            // Carriage return and erase-line redraw the status in place.
            stderr("\r\u{1B}[2K" + line)
        } else if status != .waiting {
            stderr(line + "\n")
        }
    }
}
