import Foundation

/// The Python interpreter the tests run: the virtual environment `scripts/test-setup` prepares under
/// `.build/test-env/python` (with the PyPI libraries pinned in `Tests/python-requirements.txt`), or `python3` on
/// PATH when there is none, so a machine set up by hand works too.
public enum TestPython {
    /// The package's root directory, found from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The interpreter to run: an absolute path into the test environment, or `python3`.
    public static let executable: String = {
        let candidate = packageRoot.appendingPathComponent(".build/test-env/python/bin/python3").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : "python3"
    }()

    /// The file that pins the libraries, for error messages and version checks.
    public static let requirementsFile = packageRoot.appendingPathComponent("Tests/python-requirements.txt")

    /// The version of `package` pinned in the requirements file (its `package==VERSION` line), nil when the file
    /// cannot be read or has no such line.
    public static func pinnedVersion(of package: String) -> String? {
        guard let text = try? String(contentsOf: requirementsFile, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(package + "==") })
        else { return nil }
        return String(line.dropFirst(package.count + 2))
    }

    /// What to tell a person whose machine lacks the pinned libraries.
    public static let installHint =
        "Run `scripts/test-setup` (or use `scripts/test`, which runs it before `swift test`)."
}
