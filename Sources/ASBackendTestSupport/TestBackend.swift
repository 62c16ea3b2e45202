import Foundation
import GNAP
import GNAPStorage
import GNAPStoragePostgres

/// The AS store backends a parameterized test runs against.
public enum TestBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The environment variable through which `scripts/test` hands the tests its throw-away cluster's URL.
    public static let postgresURLVariable = "GNAPTERM_TEST_POSTGRES_URL"

    /// The test cluster, or an error saying how to get one (the tests fail, they do not skip).
    public static func postgresLocation(schema: String? = nil) throws -> PostgresLocation {
        guard let url = ProcessInfo.processInfo.environment[postgresURLVariable], !url.isEmpty else {
            throw MissingTestDatabase()
        }
        var location = try PostgresLocation(url: url)
        location.schema = schema
        location.tls = .disable
        return location
    }

    /// A schema name no other test uses.
    public static func freshSchema() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}

/// `GNAPTERM_TEST_POSTGRES_URL` is not set.
public struct MissingTestDatabase: Error, CustomStringConvertible {
    public var description: String {
        "\(TestBackend.postgresURLVariable) is not set: run the tests with scripts/test, which starts a throw-away "
            + "PostgreSQL cluster for the run (or start one with scripts/postgres-cluster start DIR and export its URL)"
    }
}
