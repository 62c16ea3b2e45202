import Foundation

extension PostgresLocation {
    /// Reads `url`, then fills in what it leaves out from `environment` (the process's, in the executable). A
    /// password in the URL wins over `passwordFile` (its first line), which wins over `PGPASSWORD`.
    public init(url: String, passwordFile: String? = nil, environment: [String: String] = [:])
        throws(PostgresLocationError)
    {
        guard Self.isURL(url), let components = URLComponents(string: url) else {
            throw PostgresLocationError(
                "'\(Self.withoutPassword(url))' is not a postgres://USER@HOST:PORT/DATABASE URL")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard ["sslmode", "host", "schema"].contains(item.name) else {
                throw PostgresLocationError("unknown parameter '\(item.name)' in the database URL")
            }
            query[item.name] = item.value ?? ""
        }
        let urlHost = components.host.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
        guard
            let host = [query["host"], urlHost, environment["PGHOST"], "127.0.0.1"].compactMap({ $0 })
                .first(where: { !$0.isEmpty })
        else { throw PostgresLocationError("the database URL names no host") }
        var port = components.port ?? 5432
        if components.port == nil, let text = environment["PGPORT"], !text.isEmpty {
            guard let value = Int(text) else { throw PostgresLocationError("PGPORT '\(text)' is not a port number") }
            port = value
        }
        guard (1...65_535).contains(port) else { throw PostgresLocationError("port \(port) is out of range") }
        let user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"]
        guard let user, !user.isEmpty else {
            throw PostgresLocationError("the database URL names no user (postgres://USER@HOST/DATABASE, or PGUSER)")
        }
        let path = String(components.path.drop { $0 == "/" })
        let database = path.isEmpty ? (environment["PGDATABASE"] ?? user) : path
        guard !database.contains("/") else {
            throw PostgresLocationError("the database URL's path must be just the database name")
        }
        let modeText = query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let tls = TLSMode(rawValue: modeText) else {
            throw PostgresLocationError("sslmode '\(modeText)' is not one of disable, prefer, require")
        }
        if let schema = query["schema"], !Self.isPlainIdentifier(schema) {
            throw PostgresLocationError("schema '\(schema)' must be lower-case letters, digits and underscores")
        }
        var password = components.password.flatMap { $0.isEmpty ? nil : $0 }
        if password == nil, let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw PostgresLocationError("cannot read the database password file '\(passwordFile)'")
            }
            password = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
        }
        if password == nil { password = environment["PGPASSWORD"] }
        self.init(
            host: host, port: port, username: user, password: password, database: database, schema: query["schema"],
            tls: tls)
    }

    /// A schema (or other identifier) the AS quotes into SQL itself: nothing a person could mistype into SQL.
    public static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 63 else { return false }
        let lower = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz_")
        let rest = lower.union(CharacterSet(charactersIn: "0123456789"))
        return lower.contains(first) && text.unicodeScalars.allSatisfy { rest.contains($0) }
    }

    /// `url` with any password replaced, for error messages.
    static func withoutPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "the database URL"
    }
}

/// A database URL or password source that cannot be used, with a sentence saying why.
public struct PostgresLocationError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
