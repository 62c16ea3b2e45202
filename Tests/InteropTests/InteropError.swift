import ChildProcessTestSupport

/// Why the Python side of an interoperability test could not run. Every case says how to fix the machine, because
/// a missing prerequisite must fail the test loudly, never skip it.
enum InteropError: Error, Sendable, CustomStringConvertible {
    case pythonMissing(code: Int32)
    case libraryMissing
    case wrongLibraryVersion(found: String, pinned: String)
    case helperFailed(command: String, status: Int32, standardError: String)
    case unreadableOutput(command: String, output: String)
    case unreadableFixture(String)

    static let installHint = TestPython.installHint

    var description: String {
        switch self {
        case .pythonMissing(let code):
            "\(TestPython.executable) could not be run (posix_spawnp error \(code)). The interoperability tests need Python 3 "
                + "and the PyPI package http-message-signatures. " + Self.installHint
        case .libraryMissing:
            "\(TestPython.executable) cannot import the PyPI package http-message-signatures. " + Self.installHint
        case .wrongLibraryVersion(let found, let pinned):
            "\(TestPython.executable) has http-message-signatures \(found), but the tests are pinned to \(pinned). "
                + Self.installHint
        case .helperFailed(let command, let status, let standardError):
            "hms_interop.py \(command) exited with status \(status): \(standardError)"
        case .unreadableOutput(let command, let output):
            "hms_interop.py \(command) printed output that is not the expected JSON: \(output)"
        case .unreadableFixture(let detail):
            "cannot read a test fixture: \(detail)"
        }
    }
}
