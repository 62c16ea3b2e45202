import GNAP
import GNAPClient
import TerminalSession
import TerminalUI

/// The displays of `gnapterm device` for a person.
extension DeviceCommand.Display {
    /// Plain lines on stderr: for when stdout is not a terminal.
    public static var plain: Self { .person(PlainDeviceDisplay()) }
    /// The full-screen display on the real terminal, in `theme` (pass `Theme.resolve` to honour `NO_COLOR`).
    public static func fullScreen(_ theme: Theme) -> Self {
        .person(FullScreenDeviceDisplay(surface: .terminal(theme)))
    }
    /// The full-screen display on this driver (tests: a `VirtualTerminal`).
    public static func screen(_ driver: any TerminalDriver) -> Self {
        .person(FullScreenDeviceDisplay(surface: .driver(driver)))
    }
}

/// Progress as plain lines on stderr (`DeviceProgressDisplay`), the outcome as the last of them.
struct PlainDeviceDisplay: DeviceFlowDisplay {
    func run<C: Clock & Sendable>(
        serverURL: String, clock: C, stderr: @escaping @Sendable (String) -> Void, flow: @escaping DeviceFlowRun<C>
    ) async throws -> DeviceFlow<C>.Outcome? where C.Instant == WallInstant {
        let lines = DeviceProgressDisplay(serverURL: serverURL, stderr: stderr)
        let outcome = try await flow { event in lines.show(event, now: clock.now) }
        lines.show(DeviceStatus(outcome), now: clock.now)
        return outcome
    }

    func printable(_ text: String) -> String { TextSanitizer.sanitize(text) }
}

/// The full screen (`DeviceFullScreen`) on the real terminal or on a given driver.
struct FullScreenDeviceDisplay: DeviceFlowDisplay {
    enum Surface: Sendable {
        case terminal(Theme)
        case driver(any TerminalDriver)
    }

    let surface: Surface

    func run<C: Clock & Sendable>(
        serverURL: String, clock: C, stderr: @escaping @Sendable (String) -> Void, flow: @escaping DeviceFlowRun<C>
    ) async throws -> DeviceFlow<C>.Outcome? where C.Instant == WallInstant {
        let screen = { @Sendable (driver: any TerminalDriver) async throws -> DeviceFlow<C>.Outcome? in
            try await DeviceFullScreen.run(
                on: driver, serverURL: serverURL, clock: clock, status: DeviceStatus.init(_:)
            ) { report in
                try await flow { report(.of($0)) }
            }
        }
        switch surface {
        case .terminal(let theme):
            return try await CursesTerminal.run(options: CursesTerminal.Options(theme: theme, enableMouse: false)) {
                try await screen($0)
            }
        case .driver(let driver):
            return try await screen(driver)
        }
    }

    func printable(_ text: String) -> String { TextSanitizer.sanitize(text) }
}

extension DeviceStatus {
    /// How an outcome of the flow reads on the display.
    init<C: Clock & Sendable>(_ outcome: DeviceFlow<C>.Outcome) where C.Instant == WallInstant {
        switch outcome {
        case .granted: self = .approved
        case .denied(let error): self = .denied(reason: error.errorDescription)
        case .expired: self = .expired
        }
    }
}
