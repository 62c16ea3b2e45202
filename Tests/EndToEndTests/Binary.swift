import Foundation
import TempDirTestSupport

/// The built `gnapterm` executable: SwiftPM builds it before the tests (the test target depends on it) and puts it
/// beside the test bundle.
enum Binary {
    static var url: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("gnapterm")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        // Fallback: the package's default debug build folder.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/gnapterm")
    }

    static var path: String { url.path }

    static func temporaryDirectory(_ name: String) throws -> URL {
        try TemporaryDirectories.make("gnapterm-e2e-\(name)")
    }
}

/// Shell quoting for the commands tmux runs.
func shellQuoted(_ argument: String) -> String { "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'" }
