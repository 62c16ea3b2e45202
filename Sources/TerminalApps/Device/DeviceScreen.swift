import GNAP
import TerminalUI

/// The full-screen display of `gnapterm device` as a `TerminalProgram`: progress of the flow comes in as messages
/// (through the `awaitProgress` effect), a tick every second moves the countdown, `q` or Ctrl-C gives up. The
/// program quits once the status is final or the person gave up.
public struct DeviceScreen: TerminalProgram {
    public enum Message: Sendable, Equatable {
        /// The flow reported progress.
        case progress(DeviceProgress)
        /// The flow ended without reporting a final status (an error): stop showing the screen.
        case flowEnded
        /// The clock moved.
        case tick(WallInstant)
        /// The person gave up (`q`, Ctrl-C).
        case cancel
        /// Copy the code, the link or the approve command to the clipboard.
        case copy(DeviceScreenState.Copyable)
    }

    public enum Effect: Sendable, Equatable {
        /// Wait for the flow's next progress report.
        case awaitProgress
        /// Put this text on the terminal's clipboard (OSC 52).
        case copyToClipboard(String)
    }

    /// The instant the runner started (ticks carry the time elapsed since).
    public let startedAt: WallInstant

    public init(startedAt: WallInstant) {
        self.startedAt = startedAt
    }

    /// The runner's settings: no "too small" screen (the view itself degrades down to a few cells), and `q` and
    /// Ctrl-C always work.
    public static var runnerConfiguration: RunnerConfiguration {
        RunnerConfiguration(
            minimumSize: Size(width: 1, height: 1), keysAllowedWhenTooSmall: Set(keymap.entries.flatMap(\.keys)))
    }

    public func update(_ state: inout DeviceScreenState, _ message: Message) -> [Effect] {
        switch message {
        case .progress(.interaction(let interaction)):
            state.show(interaction)
            return [.awaitProgress]
        case .progress(.status(let status)):
            state.apply(status)
            return state.status.isFinal ? [] : [.awaitProgress]
        case .flowEnded:
            state.flowEnded = true
            return []
        case .tick(let now):
            state.now = now
            if let until = state.noticeUntil, now >= until { state.clearNotice() }
            return []
        case .cancel:
            state.cancelled = true
            return []
        case .copy(let what):
            guard let text = state.text(of: what) else {
                state.showNotice("Nothing to copy: this request has no \(what.name)")
                return []
            }
            state.showNotice("Copied the \(what.name) to the clipboard")
            return [.copyToClipboard(text)]
        }
    }

    public func view(_ state: DeviceScreenState, size: Size) -> Canvas {
        DeviceScreenView(state: state).canvas(size: size)
    }

    /// The commands of the device display.
    public enum Command: Hashable, Sendable {
        case giveUp
        case copy(DeviceScreenState.Copyable)
    }

    /// The one key table: dispatch and the status bar hints come from it (in this order; the last are dropped first
    /// on a narrow screen).
    public static let keymap = Keymap<Command>([
        .init([.character("q"), .ctrl("c")], .giveUp, help: "give up", group: "Device"),
        .init([.character("y")], .copy(.code), help: "copy code", group: "Device"),
        .init([.character("l")], .copy(.link), help: "copy link", group: "Device"),
        .init([.character("c")], .copy(.command), help: "copy command", group: "Device"),
    ])

    /// The status bar's hints, from the key table: giving up, then the copy keys as one hint (the text column says
    /// what each copies).
    static var hints: [StatusBar.Hint] {
        let name = { (command: Command) in keymap.keys(for: command).first?.displayName ?? "" }
        let copies: [Command] = [.copy(.code), .copy(.link), .copy(.command)]
        return [
            StatusBar.Hint(key: name(.giveUp), label: "give up"),
            StatusBar.Hint(key: copies.map(name).joined(separator: "/"), label: "copy"),
        ]
    }

    public func message(for key: Key, in state: DeviceScreenState) -> Message? {
        switch Self.keymap.command(for: key) {
        case .giveUp: .cancel
        case .copy(let what): .copy(what)
        case nil: nil
        }
    }

    public func shouldQuit(_ state: DeviceScreenState) -> Bool {
        state.cancelled || state.flowEnded || state.status.isFinal
    }

    public var tickInterval: Duration? { .seconds(1) }

    public func tickMessage(elapsed: Duration, in state: DeviceScreenState) -> Message? {
        .tick(startedAt.advanced(by: elapsed))
    }
}
