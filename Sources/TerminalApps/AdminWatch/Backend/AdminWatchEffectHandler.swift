import GNAP

/// Performs ``AdminWatchEffect``s against an ``AdminWatchBackend``:
/// `ProgramRunner(program: app, driver: terminal, clock: clock, effectHandler: handler.handle)`.
public struct AdminWatchEffectHandler<Backend: AdminWatchBackend>: Sendable {
    public var backend: Backend
    /// Waits before reconnecting; the real one sleeps (with jitter), tests pass one that returns at once.
    public var sleep: @Sendable (Duration) async -> Void
    /// Rings the terminal's bell (the real one beeps through curses).
    public var ring: @Sendable () async -> Void

    public init(
        backend: Backend, sleep: @escaping @Sendable (Duration) async -> Void = Self.sleepWithJitter,
        ring: @escaping @Sendable () async -> Void = {}
    ) {
        self.backend = backend
        self.sleep = sleep
        self.ring = ring
    }

    /// Sleeps `delay` plus or minus 20 %, so that many watchers do not reconnect in step.
    public static func sleepWithJitter(_ delay: Duration) async {
        guard delay > .zero else { return }
        try? await Task.sleep(for: delay * Double.random(in: 0.8...1.2))
    }

    public func handle(_ effect: AdminWatchEffect) async -> AdminWatchMessage? {
        switch effect {
        case .connect(let lastEventID, let snapshot, let delay):
            await sleep(delay)
            return .connected(
                await Self.result { () async throws(AdminWatchFailure) in
                    try await backend.connect(after: lastEventID, snapshot: snapshot)
                })
        case .nextEvents:
            return .events(await Self.result { () async throws(AdminWatchFailure) in try await backend.nextEvents() })
        case .fetchGrant(let id, let asOf):
            return .grantLoaded(
                id: id, asOf: asOf,
                await Self.result { () async throws(AdminWatchFailure) in try await backend.grant(id: id) })
        case .loadDetail(let id):
            return .detailLoaded(
                id: id, await Self.result { () async throws(AdminWatchFailure) in try await backend.detail(id: id) })
        case .grantAction(let action, let grantID, let reason):
            return .grantActionDone(
                action, grantID: grantID,
                await Self.result { () async throws(AdminWatchFailure) in
                    try await backend.perform(action, grantID: grantID, reason: reason)
                })
        case .loadAccounts:
            return .accountsLoaded(
                await Self.result { () async throws(AdminWatchFailure) in try await backend.accounts() })
        case .ringBell:
            await ring()
            return nil
        case .accountAction(let action):
            return .accountActionDone(
                action, await Self.result { () async throws(AdminWatchFailure) in try await backend.perform(action) })
        }
    }

    private static func result<Success>(
        _ body: () async throws(AdminWatchFailure) -> Success
    ) async -> Result<Success, AdminWatchFailure> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
