/// The attempts within one of the policy's windows: how many, and when the oldest was made.
public struct CodeAttemptWindow: Sendable, Hashable {
    public var count: Int
    public var oldest: WallInstant?

    public init(count: Int, oldest: WallInstant?) {
        self.count = count
        self.oldest = oldest
    }
}

extension CodeAttemptPolicy {
    /// The one rule of code entry, whoever counts (``CodeAttemptLimiter`` in memory, a ``CodeAttemptStore`` in the
    /// database): a device with ``perDeviceLimit`` attempts in its window is locked until the oldest leaves it; else
    /// the AS with ``asWideLimit`` attempts in its window refuses everyone until the oldest leaves it. Nil admits.
    public func refusal(device: CodeAttemptWindow, everyone: CodeAttemptWindow, now: WallInstant)
        -> CodeAttemptRefusal?
    {
        if device.count >= perDeviceLimit, let oldest = device.oldest {
            return .deviceLocked(retryAfter: now.duration(to: oldest.advanced(by: perDeviceWindow)))
        }
        if everyone.count >= asWideLimit, let oldest = everyone.oldest {
            return .asWideLimit(retryAfter: now.duration(to: oldest.advanced(by: asWideWindow)))
        }
        return nil
    }

    /// Attempts made after this instant are inside the device window at `now`.
    public func deviceWindowStart(at now: WallInstant) -> WallInstant { now.advanced(by: .zero - perDeviceWindow) }

    /// Attempts made after this instant are inside the AS-wide window at `now`.
    public func asWideWindowStart(at now: WallInstant) -> WallInstant { now.advanced(by: .zero - asWideWindow) }
}
