/// Limits on user-code guessing at the interaction API. Failed entries are counted per approver device and across
/// the whole AS, each in a sliding window. Every parameter has a documented default.
public struct CodeAttemptPolicy: Sendable, Hashable {
    /// Failed entries a device may make within ``perDeviceWindow`` before it is refused with `too_many_attempts`.
    public var perDeviceLimit: Int
    public var perDeviceWindow: Duration
    /// Failed entries the whole AS accepts within ``asWideWindow``, whatever device makes them. This is what
    /// protects every pending code from an attacker who enrolls or rotates many devices.
    public var asWideLimit: Int
    public var asWideWindow: Duration

    /// - Parameters:
    ///   - perDeviceLimit: default 5.
    ///   - perDeviceWindow: default 15 minutes.
    ///   - asWideLimit: default 60.
    ///   - asWideWindow: default 1 minute.
    public init(
        perDeviceLimit: Int = 5, perDeviceWindow: Duration = .seconds(900), asWideLimit: Int = 60,
        asWideWindow: Duration = .seconds(60)
    ) {
        self.perDeviceLimit = max(1, perDeviceLimit)
        self.perDeviceWindow = perDeviceWindow
        self.asWideLimit = max(1, asWideLimit)
        self.asWideWindow = asWideWindow
    }

    /// The most code entries that can fail, AS-wide, during any interval of length `lifetime`: the interval is
    /// covered by ⌈lifetime / window⌉ + 1 consecutive windows (one extra for alignment), each holding at most
    /// ``asWideLimit`` failures.
    public func maximumFailedGuesses(during lifetime: Duration) -> Int {
        let windows = Int((lifetime / asWideWindow).rounded(.up)) + 1
        return asWideLimit * windows
    }
}
