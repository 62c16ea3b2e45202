import Logging
import PostgresNIO

extension PostgresLocation {
    /// Opens one connection and closes it: at start-up, an unreachable server or a refused login is reported with
    /// its own reason (the pool would only keep retrying).
    func checkReachable(timeout: Duration, logger: Logger) async throws {
        var configuration =
            host.hasPrefix("/")
            ? PostgresConnection.Configuration(
                unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: username, password: password, database: database)
            : PostgresConnection.Configuration(
                host: host, port: port, username: username, password: password, database: database,
                tls: try connectionTLS())
        configuration.options.connectTimeout = .milliseconds(
            timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        try await connection.close()
    }

    private func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        switch tls {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }
}
