/// An in-memory terminal for tests: a fixed size, a script of input steps, and every presented
/// frame recorded. Run a program against it with `ProgramRunner` and inspect `frames` or
/// `screenText` afterwards; no TTY needed.
///
/// `nextKey` plays the script one step at a time. `.waitFor` steps hold the input back until the
/// latest frame shows some text (or a real-time timeout elapses), which makes scripts that depend
/// on effects or ticks deterministic. When the script is exhausted `nextKey` throws
/// `VirtualTerminal.ScriptExhausted`, so a program that never quits fails its test instead of
/// hanging it.
public actor VirtualTerminal: TerminalDriver {
    /// One scripted input step.
    public enum Step: Sendable {
        /// Deliver one key.
        case key(Key)
        /// Deliver each character of the text as a `.character` key.
        case type(String)
        /// Change the size and deliver `.resize`.
        case resize(Size)
        /// Wait until the latest frame's text contains the string.
        case waitFor(String)
        /// Run an action (e.g. advance a manual clock) before the next step.
        case perform(@Sendable () async -> Void)
    }

    /// Thrown by `nextKey` when the script has no step left.
    public struct ScriptExhausted: Error, CustomStringConvertible {
        /// The last frame's text.
        public var screen: String
        public var description: String { "VirtualTerminal: script exhausted; last screen:\n\(screen)" }
    }

    /// Thrown by `nextKey` when a `.waitFor` step timed out.
    public struct WaitTimedOut: Error, CustomStringConvertible {
        /// The text waited for.
        public var text: String
        /// The last frame's text.
        public var screen: String
        public var description: String { "VirtualTerminal: timed out waiting for \"\(text)\"; last screen:\n\(screen)" }
    }

    /// The current size.
    public private(set) var size: Size
    /// Every frame presented, oldest first.
    public private(set) var frames: [Canvas] = []
    /// True once `restore()` was called.
    public private(set) var isRestored = false
    /// The control sequences a real terminal would have been sent to copy text (`ClipboardSequence.osc52`), in order.
    public private(set) var clipboardWrites: [String] = []
    /// Whether mouse events are reported (changed by `setMouseCapture`).
    public private(set) var capturesMouse = true
    private var script: [Step]
    private let waitTimeout: Duration

    /// Creates a terminal of `size` that plays `script`. `waitTimeout` (real time) bounds each
    /// `.waitFor` step.
    public init(size: Size = Size(width: 80, height: 24), script: [Step] = [], waitTimeout: Duration = .seconds(10)) {
        self.size = size
        self.script = script
        self.waitTimeout = waitTimeout
    }

    /// Appends steps to the script.
    public func enqueue(_ steps: [Step]) {
        script += steps
    }

    /// The latest frame, if any.
    public var lastFrame: Canvas? { frames.last }

    /// The latest frame as text (see `renderText`); empty before the first frame.
    public var screenText: String {
        frames.last.map(Self.renderText) ?? ""
    }

    public func present(_ canvas: Canvas) {
        frames.append(canvas)
    }

    public func restore() {
        isRestored = true
    }

    public func copyToClipboard(_ text: String) {
        clipboardWrites.append(ClipboardSequence.osc52(text))
    }

    public func setMouseCapture(_ enabled: Bool) {
        capturesMouse = enabled
    }

    public func nextKey(timeout: Duration) async throws -> Key? {
        while !script.isEmpty {
            try Task.checkCancellation()
            let step = script.removeFirst()
            switch step {
            case .key(let key):
                return key
            case .type(let text):
                guard let first = text.first else { continue }
                script.insert(contentsOf: text.dropFirst().map { Step.key(.character($0)) }, at: 0)
                return .character(first)
            case .resize(let newSize):
                size = newSize
                return .resize(newSize)
            case .waitFor(let text):
                try await wait(for: text)
            case .perform(let action):
                await action()
            }
        }
        throw ScriptExhausted(screen: screenText)
    }

    private func wait(for text: String) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: waitTimeout)
        while !screenText.contains(text) {
            guard clock.now < deadline else { throw WaitTimedOut(text: text, screen: screenText) }
            try await clock.sleep(for: .milliseconds(1))
        }
    }
}
