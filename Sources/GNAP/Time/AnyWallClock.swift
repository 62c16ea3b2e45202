/// A type-erased wall clock, so long-lived services can hold "a clock" without becoming generic themselves while the
/// state machines they drive stay generic over `Clock`.
public struct AnyWallClock: Clock, Sendable {
    public typealias Instant = WallInstant

    private let nowProvider: @Sendable () -> WallInstant
    private let sleeper: @Sendable (WallInstant) async throws -> Void

    public init<C: Clock & Sendable>(_ clock: C) where C.Instant == WallInstant {
        nowProvider = { clock.now }
        sleeper = { deadline in try await clock.sleep(until: deadline, tolerance: nil) }
    }

    public var now: WallInstant { nowProvider() }
    public var minimumResolution: Duration { .milliseconds(1) }

    public func sleep(until deadline: WallInstant, tolerance: Duration?) async throws { try await sleeper(deadline) }
}
