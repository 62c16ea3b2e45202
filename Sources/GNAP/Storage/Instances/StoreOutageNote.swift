import Synchronization

/// Notes, for one request, that a store call failed because the database could not be reached. The server sets one
/// per request (a task-local) and the store marks it when it throws ``StoreError/unavailable(_:)``, so the request is
/// answered `503` with a clear error even where a caller turned the failure into another error.
public final class StoreOutageNote: Sendable {
    @TaskLocal public static var current: StoreOutageNote?

    private let noted = Mutex(false)

    public init() {}

    /// Whether a store call of this request found the database unavailable.
    public var happened: Bool { noted.withLock { $0 } }

    public func note() { noted.withLock { $0 = true } }
}
