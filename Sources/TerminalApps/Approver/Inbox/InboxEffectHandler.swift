import GNAP
import Synchronization
import TerminalSession
import TerminalUI

/// Performs the inbox's effects against an ``ApproverBackend``: it holds the open inbox stream between effects, and
/// rings through `notify` (the bell and desktop notifications of the real terminal; a recorder in tests).
public final class InboxEffectHandler<Backend: ApproverBackend>: Sendable {
    let backend: Backend
    let notify: @Sendable (TerminalNotification) async -> Void
    private let feed = Mutex<(any InboxFeed)?>(nil)

    public init(backend: Backend, notify: @escaping @Sendable (TerminalNotification) async -> Void) {
        self.backend = backend
        self.notify = notify
    }

    deinit { feed.withLock { $0?.close() } }

    /// Performs `effect` and returns the message with its result.
    public func handle(_ effect: InboxEffect) async -> ApproverMessage? {
        switch effect {
        case .connect(let after, let delay):
            if delay > .zero {
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    return nil
                }
            }
            feed.withLock { $0?.close() }
            return .inbox(
                .connected(await Self.result { () async throws(ApproverFailure) in try await connect(after) }))
        case .nextEvents:
            guard let current = feed.withLock({ $0 }) else {
                return .inbox(.events(.failure(ApproverFailure(code: nil, message: "the inbox stream is not open"))))
            }
            return .inbox(.events(await Self.result { () async throws(ApproverFailure) in try await current.next() }))
        case .open(let grantID):
            return .inbox(
                .opened(
                    grantID,
                    await Self.result { () async throws(ApproverFailure) in
                        try await backend.openInboxRequest(grantID)
                    }))
        case .liftBlock(let instanceID):
            return .inbox(
                .blockLifted(
                    instanceID,
                    await Self.result { () async throws(ApproverFailure) in
                        try await backend.liftInboxBlock(instanceID)
                    }))
        case .notify(let notification):
            await notify(notification)
            return nil
        }
    }

    private func connect(_ after: Int64?) async throws(ApproverFailure) -> InboxSnapshot? {
        var snapshot: InboxSnapshot?
        var position = after
        if after == nil {
            let loaded = try await backend.inbox()
            snapshot = loaded
            position = loaded.latestEventID
        }
        let opened = try await backend.inboxEvents(after: position)
        feed.withLock { $0 = opened }
        return snapshot
    }

    static func result<Success>(_ body: () async throws(ApproverFailure) -> Success) async -> Result<
        Success, ApproverFailure
    > {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
