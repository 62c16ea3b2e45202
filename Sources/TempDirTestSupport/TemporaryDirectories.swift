import Foundation
import Synchronization

/// Temporary directories for tests, removed when the test process exits.
///
/// The suites make data directories for stores, servers, devices and approvers under the system's temporary
/// directory. They used to stay there: every full run left more than a hundred, some with a SQLite database of a
/// megabyte or more, so a machine that runs the suite often fills its `/tmp`. A test cannot always remove its own
/// directory (it may stop half-way, or hand the directory to a process that outlives the test's scope), so each one is
/// registered here and removed by an `atexit` handler when the test process ends, after every test is done with it.
/// Only a process killed by a signal still leaves its directories behind.
public enum TemporaryDirectories {
    /// The directories of this process, removed at its exit.
    static let atExit = DirectoryRegistry()
    /// Installs the exit handler once, on first use; true if the C library took it.
    private static let exitHandler: Bool = atexit { TemporaryDirectories.atExit.removeAll() } == 0

    /// A new directory `<temporary directory>/<prefix>-<UUID>`, created (with its parents) unless `create` is false
    /// (for stores that make their own directory), and removed when the process exits.
    public static func make(_ prefix: String, create: Bool = true) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        _ = exitHandler
        atExit.register(url)
        if create {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        return url
    }

    /// Whether `url` will be removed when the process exits: registered, and the exit handler installed.
    public static func isRegistered(_ url: URL) -> Bool { exitHandler && atExit.registered.contains(url) }
}

/// Directories to remove together, later.
public final class DirectoryRegistry: Sendable {
    private let urls = Mutex<[URL]>([])

    public init() {}

    public func register(_ url: URL) {
        urls.withLock { $0.append(url) }
    }

    public var registered: [URL] { urls.withLock { $0 } }

    /// Removes every registered directory and what it holds (a missing one is skipped), and forgets them.
    public func removeAll() {
        let taken = urls.withLock { urls in
            defer { urls.removeAll() }
            return urls
        }
        for url in taken {
            try? FileManager.default.removeItem(at: url)
        }
    }
}
