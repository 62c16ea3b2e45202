import GNAP
import PostgresNIO

/// Which failures of a store call mean "the database cannot be reached" (and the call may be retried later), and
/// what to say about a failure without leaking the query or its values.
enum PostgresFailure {
    /// The call did not finish within ``PostgresSettings/operationTimeout``.
    struct TimedOut: Error {}

    /// Connection failures, closed connections, a pool that cannot connect, a server shutting down or refusing
    /// connections (SQLSTATE classes 08 and 57P, 53300). SQL errors (constraint violations, syntax) are not.
    static func isUnavailability(_ error: any Error) -> Bool {
        if error is TimedOut { return true }
        if let error = error as? PSQLError {
            if error.code == .server {
                guard let state = error.serverInfo?[.sqlState] else { return false }
                return state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300"
            }
            return ![PSQLError.Code.queryCancelled, .tooManyParameters, .invalidCommandTag].contains(error.code)
        }
        // The pool's own errors (its module is not exported): e.g. it gave up connecting.
        return String(reflecting: type(of: error)).hasSuffix("ConnectionPoolError")
    }

    /// SQLSTATE of a server error, if `error` is one.
    static func sqlState(_ error: any Error) -> String? {
        guard let error = error as? PSQLError, error.code == .server else { return nil }
        return error.serverInfo?[.sqlState]
    }

    /// The server's message (never the query or its values), else the kind of failure.
    static func describe(_ error: any Error) -> String {
        if error is TimedOut { return "no answer in time" }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? StoreError { return error.description }
        return String(describing: error)
    }
}
