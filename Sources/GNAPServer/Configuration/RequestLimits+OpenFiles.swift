import Glibc

extension RequestLimits {
    /// Descriptors the AS needs besides its connections: the listener, the database and its WAL, the event loops.
    public static let descriptorsBesidesConnections = 64

    /// The process's soft limit of open files (`ulimit -n`), if it can be read.
    public static var openFileSoftLimit: Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        return limit.rlim_cur == rlim_t.max ? nil : Int(clamping: limit.rlim_cur)
    }

    /// Whether ``maximumConnections`` fits in `softLimit` open files with room for the rest of the AS; when it does
    /// not, a connection beyond the files left would fail to be accepted instead of making room.
    public func fitsOpenFileLimit(_ softLimit: Int) -> Bool {
        maximumConnections + Self.descriptorsBesidesConnections <= softLimit
    }
}
