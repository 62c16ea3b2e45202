import ChildProcessTestSupport
import Foundation
import HTTPMessageSignatures

/// Runs `python/jose_interop.py`, which drives the independent PyPI JOSE library joserfc.
enum JOSEHelper {
    /// One call: the key in the forms Python reads, the algorithm, and what to sign or verify.
    struct Case: Encodable {
        var alg: String
        var key: InteropCase.Key
        var kty: String
        var header: [String: JSONValueForPython]? = nil
        var payloadBase64: String? = nil
        var detached: Bool? = nil
        var compact: String? = nil
        var detachedPayloadBase64: String? = nil
    }

    /// The header members handed to Python: strings and integers are all a GNAP header has.
    enum JSONValueForPython: Encodable {
        case string(String)
        case integer(Int64)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let string): try container.encode(string)
            case .integer(let integer): try container.encode(integer)
            }
        }
    }

    struct Verified: Decodable {
        var header: [String: AnyJSON]
        var payloadBase64: String
        var payload: [UInt8] { [UInt8](Data(base64Encoded: payloadBase64) ?? Data()) }
    }

    /// A decoded JSON scalar of joserfc's output.
    enum AnyJSON: Decodable, Equatable {
        case string(String)
        case integer(Int64)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                self = .string(string)
            } else if let integer = try? container.decode(Int64.self) {
                self = .integer(integer)
            } else {
                self = .other
            }
        }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("python")
    static let script = directory.appendingPathComponent("jose_interop.py").path

    /// The version pinned in `Tests/python-requirements.txt`, the one file `scripts/test-setup` installs from.
    static func pinnedVersion() throws(InteropError) -> String {
        guard let version = TestPython.pinnedVersion(of: "joserfc") else {
            throw .unreadableFixture("no joserfc== line in \(TestPython.requirementsFile.path)")
        }
        return version
    }

    /// Checked once per test run: the test Python has exactly the pinned joserfc.
    static let installedVersion: Result<String, JOSEInteropError> = Result { () throws(JOSEInteropError) -> String in
        let pinned: String
        do {
            pinned = try pinnedVersion()
        } catch {
            throw .helperFailed(command: "version", status: -1, standardError: "\(error)")
        }
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

    static func algorithms() throws -> Set<String> {
        _ = try installedVersion.get()
        let output = try python(["algorithms"])
        guard output.status == 0 else {
            throw JOSEInteropError.helperFailed(
                command: "algorithms", status: output.status, standardError: output.stderr)
        }
        return Set(output.stdoutText.split(whereSeparator: \.isNewline).map(String.init))
    }

    /// joserfc signs; returns the compact JWS.
    static func sign(_ joseCase: Case) throws -> String {
        struct Signed: Decodable { var compact: String }
        let output = try run("sign", joseCase)
        guard output.status == 0 else {
            throw JOSEInteropError.helperFailed(command: "sign", status: output.status, standardError: output.stderr)
        }
        return try decode(Signed.self, output).compact
    }

    /// joserfc verifies; nil when it rejected the JWS.
    static func verify(_ joseCase: Case) throws -> Verified? {
        let output = try run("verify", joseCase)
        return output.status == 0 ? try decode(Verified.self, output) : nil
    }

    static func run(_ command: String, _ joseCase: some Encodable) throws -> ChildProcess.Output {
        _ = try installedVersion.get()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jose-case-\(UUID().uuidString).json")
        try encoder.encode(joseCase).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let output = try python([command, path.path])
        guard output.status == 0 || output.status == 1 else {
            throw JOSEInteropError.helperFailed(command: command, status: output.status, standardError: output.stderr)
        }
        return output
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ output: ChildProcess.Output) throws -> Value {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(output.stdoutText.utf8))
        } catch {
            throw JOSEInteropError.helperFailed(command: "\(type)", status: 0, standardError: output.stdoutText)
        }
    }

    private static func python(_ arguments: [String]) throws(JOSEInteropError) -> ChildProcess.Output {
        do {
            // -W ignore: joserfc warns that RFC 9864 deprecates the name "EdDSA"; the verdict is what counts here.
            return try ChildProcess.run(
                [TestPython.executable, "-W", "ignore", script] + arguments,
                environment: ProcessInfo.processInfo.environment)
        } catch {
            throw .pythonMissing(code: error.code)
        }
    }
}

/// Why the joserfc side of a test could not run; each case says how to fix the machine.
enum JOSEInteropError: Error, Sendable, CustomStringConvertible {
    case pythonMissing(code: Int32)
    case libraryMissing
    case wrongLibraryVersion(found: String, pinned: String)
    case helperFailed(command: String, status: Int32, standardError: String)

    static let installHint = TestPython.installHint

    var description: String {
        switch self {
        case .pythonMissing(let code):
            "\(TestPython.executable) could not be run (posix_spawnp error \(code)). The JWS interoperability tests "
                + "need Python 3 and the PyPI package joserfc. " + Self.installHint
        case .libraryMissing: "\(TestPython.executable) cannot import the PyPI package joserfc. " + Self.installHint
        case .wrongLibraryVersion(let found, let pinned):
            "\(TestPython.executable) has joserfc \(found), but the tests are pinned to \(pinned). " + Self.installHint
        case .helperFailed(let command, let status, let standardError):
            "jose_interop.py \(command) exited with status \(status): \(standardError)"
        }
    }
}
