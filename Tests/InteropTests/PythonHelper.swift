import ChildProcessTestSupport
import Foundation

/// Runs `python/hms_interop.py`, which drives the independent PyPI library http-message-signatures.
enum PythonHelper {
    enum Command: String, Sendable {
        case verify
        case sign
        /// Signs the request and sends it (to a live resource server).
        case call
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("python")
    static let script = directory.appendingPathComponent("hms_interop.py").path

    /// The version pinned in `Tests/python-requirements.txt`, the one file `scripts/test-setup` installs from.
    static func pinnedVersion() throws(InteropError) -> String {
        guard let version = TestPython.pinnedVersion(of: "http-message-signatures") else {
            throw .unreadableFixture("no http-message-signatures== line in \(TestPython.requirementsFile.path)")
        }
        return version
    }

    /// Checked once per test run: the test Python exists and has exactly the pinned library version.
    static let installedVersion: Result<String, InteropError> = Result { () throws(InteropError) -> String in
        let pinned = try pinnedVersion()
        let output = try python(["version"])
        switch output.status {
        case 0:
            let found = output.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            guard found == pinned else { throw .wrongLibraryVersion(found: found, pinned: pinned) }
            return found
        case 3: throw .libraryMissing
        default: throw .helperFailed(command: "version", status: output.status, standardError: output.stderr)
        }
    }

    /// The helper's algorithms, read from the library's `algorithms` module.
    static func supportedAlgorithms() throws(InteropError) -> [String] {
        _ = try installedVersion.get()
        let output = try python(["algorithms"])
        guard output.status == 0 else {
            throw .helperFailed(command: "algorithms", status: output.status, standardError: output.stderr)
        }
        return output.stdoutText.split(whereSeparator: \.isNewline).map(String.init)
    }

    /// Runs `command` on `testCase`. Exit status 0 (done) and 1 (the library rejected the signature) are results;
    /// anything else means the case or the helper is broken and throws.
    static func run(_ command: Command, _ testCase: InteropCase) throws -> ChildProcess.Output {
        _ = try installedVersion.get()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let casePath = FileManager.default.temporaryDirectory
            .appendingPathComponent("interop-case-\(UUID().uuidString).json")
        try encoder.encode(testCase).write(to: casePath)
        defer { try? FileManager.default.removeItem(at: casePath) }
        let output = try python([command.rawValue, casePath.path])
        guard output.status == 0 || output.status == 1 else {
            throw InteropError.helperFailed(
                command: command.rawValue, status: output.status, standardError: output.stderr)
        }
        return output
    }

    /// Decodes the JSON the helper printed on success.
    static func decode<Value: Decodable>(_ type: Value.Type, from output: ChildProcess.Output) throws -> Value {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(output.stdoutText.utf8))
        } catch {
            throw InteropError.unreadableOutput(command: "\(type)", output: output.stdoutText)
        }
    }

    private static func python(_ arguments: [String]) throws(InteropError) -> ChildProcess.Output {
        do {
            return try ChildProcess.run(
                [TestPython.executable, script] + arguments, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw .pythonMissing(code: error.code)
        }
    }
}
