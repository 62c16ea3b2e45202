import GNAP
import TerminalSession
import TerminalUI

/// Performs `ApproverEffect`s against an `ApproverBackend` and turns the answers into messages:
/// `ProgramRunner(program: app, driver: terminal, clock: clock, effectHandler: handler.handle)`.
public struct ApproverEffectHandler<Backend: ApproverBackend>: Sendable {
    public var backend: Backend
    /// How many history records to load.
    public var historyLimit: Int
    /// The terminal the app runs on, for the clipboard and the mouse (nil: those effects do nothing).
    public var terminal: (any TerminalDriver)?

    /// Creates a handler; by default the history shows the 200 newest decisions.
    public init(backend: Backend, historyLimit: Int = 200, terminal: (any TerminalDriver)? = nil) {
        self.backend = backend
        self.historyLimit = historyLimit
        self.terminal = terminal
    }

    /// Performs `effect` and returns the message with its result.
    public func handle(_ effect: ApproverEffect) async -> ApproverMessage? {
        switch effect {
        case .enterCode(let code):
            return .codeLookedUp(
                await Self.result { () async throws(ApproverFailure) in try await backend.enterCode(code) })
        case .openInteraction(let interaction):
            return .codeLookedUp(
                await Self.result { () async throws(ApproverFailure) in
                    try await backend.openInteraction(interaction)
                })
        case .approve(let review, let request):
            return .decided(
                await Self.result { () async throws(ApproverFailure) in
                    try await backend.approve(review, request: request)
                })
        case .deny(let review, let reason):
            return .decided(
                await Self.result { () async throws(ApproverFailure) in try await backend.deny(review, reason: reason) }
            )
        case .loadHistory:
            return .historyLoaded(
                await Self.result { () async throws(ApproverFailure) in try await backend.history(limit: historyLimit) }
            )
        case .copyToClipboard(let text):
            await terminal?.copyToClipboard(text)
            return nil
        case .setMouseCapture(let enabled):
            await terminal?.setMouseCapture(enabled)
            return nil
        default:
            return await handleRecords(effect)
        }
    }

    static func result<Success>(
        _ body: () async throws(ApproverFailure) -> Success
    ) async -> Result<Success, ApproverFailure> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
