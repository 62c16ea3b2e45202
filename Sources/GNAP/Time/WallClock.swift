import Foundation

/// A point in wall-clock time (Unix epoch based), so state machines can persist their instants and survive a
/// restart. Both clocks below use it, which is what lets every state machine be generic over `Clock`.
public struct WallInstant: InstantProtocol, Sendable, Hashable, Codable, Comparable {
    /// Time since 1970-01-01T00:00:00Z.
    public var sinceEpoch: Duration

    public init(sinceEpoch: Duration) { self.sinceEpoch = sinceEpoch }
    public init(unixSeconds: Int64) { sinceEpoch = .seconds(unixSeconds) }
    public init(_ date: Date) { sinceEpoch = .milliseconds(Int64((date.timeIntervalSince1970 * 1000).rounded())) }

    public var unixSeconds: Int64 { sinceEpoch.components.seconds }
    public var date: Date {
        let (seconds, attoseconds) = sinceEpoch.components
        return Date(timeIntervalSince1970: Double(seconds) + Double(attoseconds) / 1e18)
    }

    public func advanced(by duration: Duration) -> WallInstant { WallInstant(sinceEpoch: sinceEpoch + duration) }
    public func duration(to other: WallInstant) -> Duration { other.sinceEpoch - sinceEpoch }
    public static func < (lhs: WallInstant, rhs: WallInstant) -> Bool { lhs.sinceEpoch < rhs.sinceEpoch }

    /// Milliseconds since the epoch: the persisted form (JSON and SQL columns).
    public var unixMilliseconds: Int64 {
        let (seconds, attoseconds) = sinceEpoch.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    public init(unixMilliseconds: Int64) { sinceEpoch = .milliseconds(unixMilliseconds) }

    public init(from decoder: any Decoder) throws {
        self.init(unixMilliseconds: try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(unixMilliseconds)
    }

    /// Reads RFC 3339 text as ``iso8601`` writes it (with or without fractional seconds); nil when it is not.
    public init?(iso8601 text: String) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) {
            self.init(date)
            return
        }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) else { return nil }
        self.init(date)
    }

    /// RFC 3339 text in UTC, e.g. for JSON output.
    public var iso8601: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// The system's wall clock.
public struct WallClock: Clock, Sendable {
    public typealias Instant = WallInstant

    public init() {}

    public var now: WallInstant { WallInstant(Date()) }
    public var minimumResolution: Duration { .milliseconds(1) }

    public func sleep(until deadline: WallInstant, tolerance: Duration?) async throws {
        let remaining = now.duration(to: deadline)
        if remaining > .zero { try await Task.sleep(for: remaining) }
    }
}
