/// What one connection and one request may take from the AS, in one place (each a `gnapterm serve` option; the
/// defaults and how each is tested are listed in docs/security.md). Every parameter has a documented default.
public struct RequestLimits: Sendable, Hashable {
    /// Largest request content, in bytes. A larger `Content-Length` is answered 413 before any of the content is read;
    /// a chunked body is cut off at this size with 413 too.
    public var maximumBodySize: Int
    /// Most header fields in one request; beyond it the answer is 431.
    public var maximumHeaderCount: Int
    /// Largest request head (all header fields together), in bytes; beyond it the answer is 431.
    public var maximumHeaderSize: Int
    /// Deepest nesting of arrays and objects in JSON content; deeper content is answered 400 `invalid_request`
    /// before it is decoded. At most ``GNAP/GNAPJSON/maximumNestingDepth``.
    public var maximumJSONDepth: Int
    /// A connection with no request in progress (open and silent, or kept alive after a response) is closed after
    /// this long.
    public var idleTimeout: Duration
    /// A request's head must arrive within this long of its first byte; otherwise the AS answers 408 and closes the
    /// connection (a client sending its head a byte at a time cannot hold a connection for long).
    public var headerReadTimeout: Duration
    /// A request's content must arrive within this long of its head; otherwise the connection is closed.
    public var bodyReadTimeout: Duration
    /// Most connections open at once. When a new connection would exceed it, the AS closes the connection that has
    /// been idle (or reading its head) the longest, else the one reading its content the longest; when every
    /// connection is producing a response, it closes the new one.
    public var maximumConnections: Int

    /// - Parameters:
    ///   - maximumBodySize: default 64 KiB.
    ///   - maximumHeaderCount: default 100 fields.
    ///   - maximumHeaderSize: default 16 KiB.
    ///   - maximumJSONDepth: default 32 levels.
    ///   - idleTimeout: default 60 seconds.
    ///   - headerReadTimeout: default 10 seconds.
    ///   - bodyReadTimeout: default 30 seconds.
    ///   - maximumConnections: default 512 (well below the common limit of 1,024 open files per process, which the
    ///     database and the listener share).
    public init(
        maximumBodySize: Int = 65_536, maximumHeaderCount: Int = 100, maximumHeaderSize: Int = 16_384,
        maximumJSONDepth: Int = 32, idleTimeout: Duration = .seconds(60), headerReadTimeout: Duration = .seconds(10),
        bodyReadTimeout: Duration = .seconds(30), maximumConnections: Int = 512
    ) {
        self.maximumBodySize = maximumBodySize
        self.maximumHeaderCount = maximumHeaderCount
        self.maximumHeaderSize = maximumHeaderSize
        self.maximumJSONDepth = maximumJSONDepth
        self.idleTimeout = idleTimeout
        self.headerReadTimeout = headerReadTimeout
        self.bodyReadTimeout = bodyReadTimeout
        self.maximumConnections = maximumConnections
    }
}
