import Foundation

/// Where the AS's PostgreSQL database is and how to log in: a `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` URL
/// (also `postgresql://`; query parameters `sslmode=disable|prefer|require`, `host=/socket/directory` and
/// `schema=NAME`), completed from the standard libpq environment variables (`PGHOST`, `PGPORT`, `PGUSER`,
/// `PGDATABASE`, `PGSSLMODE`, `PGPASSWORD`) for what the URL leaves out. The password comes from the URL, else from
/// the password file, else from `PGPASSWORD`.
public struct PostgresLocation: Sendable, Hashable {
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
    }

    /// A host name or address, or (starting with `/`) the directory of the server's Unix socket.
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// The schema the AS's tables live in; nil for the login's default search path (usually `public`).
    public var schema: String?
    public var tls: TLSMode

    public init(
        host: String, port: Int = 5432, username: String, password: String?, database: String, schema: String? = nil,
        tls: TLSMode = .prefer
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.schema = schema
        self.tls = tls
    }

    /// Whether `text` names a PostgreSQL database rather than a directory.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The URL without its password, for logs and messages.
    public var redacted: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let location = host.hasPrefix("/") ? "/\(database)?host=\(host)" : "\(shownHost):\(port)/\(database)"
        return "postgres://\(username)@\(location)"
            + (schema.map { "\(host.hasPrefix("/") ? "&" : "?")schema=\($0)" } ?? "")
    }
}
