/// How the live audit event stream behaves. Every parameter has a documented default.
public struct EventStreamConfiguration: Sendable, Hashable {
    /// How often the audit table is read for new entries.
    public var pollInterval: Duration
    /// A comment line is sent after this much silence, so proxies and watchers know the stream is alive.
    public var keepAliveInterval: Duration
    /// Entries a connection may have waiting to be written; a watcher that falls further behind is disconnected
    /// (it reconnects with `Last-Event-ID` and misses nothing).
    public var bufferLimit: Int
    /// Entries read from the table at a time.
    public var batchSize: Int
    /// The watcher's device and account are checked again before every batch of entries is sent, and at least this
    /// often while none are: a revoked device, a disabled account or one that lost the admin role, or a key rotated
    /// away ends the stream within this time.
    public var reauthorizationInterval: Duration

    /// - Parameters:
    ///   - pollInterval: default 1 second.
    ///   - keepAliveInterval: default 15 seconds.
    ///   - bufferLimit: default 512 entries.
    ///   - batchSize: default 100 entries.
    ///   - reauthorizationInterval: default 5 seconds.
    public init(
        pollInterval: Duration = .seconds(1), keepAliveInterval: Duration = .seconds(15), bufferLimit: Int = 512,
        batchSize: Int = 100, reauthorizationInterval: Duration = .seconds(5)
    ) {
        self.pollInterval = pollInterval
        self.keepAliveInterval = keepAliveInterval
        self.bufferLimit = max(1, bufferLimit)
        self.batchSize = max(1, batchSize)
        self.reauthorizationInterval = reauthorizationInterval
    }
}
