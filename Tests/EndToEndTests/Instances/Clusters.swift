import ChildProcessTestSupport
import Foundation

/// The repository the tests run from (for its scripts).
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let postgresCluster = root.appendingPathComponent("scripts/postgres-cluster").path
}

/// The PostgreSQL cluster `scripts/test` starts for the run, with a schema of the test's own.
enum SharedCluster {
    static let variable = "GNAPTERM_TEST_POSTGRES_URL"

    /// The run's database URL with `?schema=` a fresh schema; fails, saying how to get one, when there is none.
    static func freshDatabase() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else {
            throw E2EError(
                "\(variable) is not set: run the tests with scripts/test, which starts a throw-away PostgreSQL cluster")
        }
        return url + "?schema=e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}

/// A PostgreSQL cluster of the test's own (`scripts/postgres-cluster`), for tests that stop the database under a
/// running AS. The password is in a file beside it, and out of the URL.
struct OwnCluster {
    let directory: URL
    /// `postgres://gnapterm@127.0.0.1:PORT/gnapterm`, without the password.
    let url: String
    let passwordFile: String

    static func start() throws -> OwnCluster {
        let parent = try Binary.temporaryDirectory("postgres")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: parent.path)
        let directory = parent.appendingPathComponent("cluster")
        let started = try ChildProcess.run([Repository.postgresCluster, "start", directory.path])
        guard started.status == 0, var components = URLComponents(string: started.stdoutText.trimmed) else {
            throw E2EError("cannot start a PostgreSQL cluster: \(started.stderr)")
        }
        components.password = nil
        return OwnCluster(
            directory: directory, url: components.string ?? "",
            passwordFile: directory.appendingPathComponent("password").path)
    }

    func stop() throws {
        let stopped = try ChildProcess.run([Repository.postgresCluster, "stop", directory.path])
        guard stopped.status == 0 else { throw E2EError("cannot stop the cluster: \(stopped.stderr)") }
    }

    func restart() throws {
        let started = try ChildProcess.run([Repository.postgresCluster, "restart", directory.path])
        guard started.status == 0 else { throw E2EError("cannot restart the cluster: \(started.stderr)") }
    }

    /// Stops the cluster and removes it.
    func remove() {
        _ = try? ChildProcess.run([Repository.postgresCluster, "stop", directory.path])
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
