/// How the PostgreSQL store uses its connections. Every parameter has a documented default.
public struct PostgresSettings: Sendable, Hashable {
    /// Connections the store opens at most (each AS instance has its own pool).
    public var maximumConnections: Int
    /// How long opening a connection may take.
    public var connectTimeout: Duration
    /// How long one store call may wait for a connection and its work before the database counts as unavailable
    /// and the call fails with ``GNAP/StoreError/unavailable(_:)``.
    public var operationTimeout: Duration
    /// How long a call that has its connection waits for the database's answers before it gives up (the connection
    /// broke without a word): it fails as unavailable and its work is left to end by itself.
    public var answerTimeout: Duration
    /// The first delay between attempts to reach a database that was lost; it doubles up to ``maximumRetryDelay``.
    public var firstRetryDelay: Duration
    public var maximumRetryDelay: Duration
    /// How often an instance that does not hold the maintenance role tries to take it, and how often the holder
    /// checks that it still holds it.
    public var maintainerCheckInterval: Duration

    /// - Parameters:
    ///   - maximumConnections: default 20.
    ///   - connectTimeout: default 5 seconds.
    ///   - operationTimeout: default 5 seconds.
    ///   - answerTimeout: default 30 seconds.
    ///   - firstRetryDelay: default 250 milliseconds.
    ///   - maximumRetryDelay: default 5 seconds.
    ///   - maintainerCheckInterval: default 2 seconds.
    public init(
        maximumConnections: Int = 20, connectTimeout: Duration = .seconds(5), operationTimeout: Duration = .seconds(5),
        answerTimeout: Duration = .seconds(30),
        firstRetryDelay: Duration = .milliseconds(250), maximumRetryDelay: Duration = .seconds(5),
        maintainerCheckInterval: Duration = .seconds(2)
    ) {
        self.maximumConnections = max(2, maximumConnections)
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.answerTimeout = answerTimeout
        self.firstRetryDelay = firstRetryDelay
        self.maximumRetryDelay = max(firstRetryDelay, maximumRetryDelay)
        self.maintainerCheckInterval = maintainerCheckInterval
    }
}
