import TerminalUI

/// How the approver app treats its inbox (`gnapterm approve --watch`, `--no-notify`).
public struct InboxOptions: Sendable {
    /// Start on the inbox and come back to it after each decision: a long-running approver.
    public var watch: Bool
    /// Ring the bell when a request arrives.
    public var notifies: Bool
    /// The desktop notification sequences the terminal understands (``TerminalNotification/methods(environment:)``).
    public var methods: [TerminalNotification.Method]

    /// - Parameters:
    ///   - watch: default false.
    ///   - notifies: default true.
    ///   - methods: default none (the bell only).
    public init(watch: Bool = false, notifies: Bool = true, methods: [TerminalNotification.Method] = []) {
        self.watch = watch
        self.notifies = notifies
        self.methods = methods
    }

    /// Sets the inbox up in the first state and returns the effect that connects it: the count shows in the header
    /// on every screen, and with ``watch`` the app opens on the inbox (unless it opens a link first).
    public func prepare(_ state: inout ApproverState) -> [ApproverEffect] {
        state.inbox.watching = watch
        state.inbox.notifies = notifies
        state.inbox.connection = .connecting
        if watch, state.screen == .codeEntry { state.screen = .inbox }
        return [.inbox(.connect(after: nil, delay: .zero))]
    }
}
