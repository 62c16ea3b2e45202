import ChildProcessTestSupport
import Foundation

/// Decodes QR codes with `zbarimg` (Debian's zbar-tools), an independent reader, from PNG images written here.
public enum ZbarDecoder {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static let missingMessage =
        "zbarimg not found on PATH: the QR code tests check the encoder against it. "
        + "Install it with `apt-get install zbar-tools` (Debian/Ubuntu), or run `scripts/test-setup`."

    /// How zbarimg hands over the decoded bytes.
    public enum Output: Sendable {
        /// `-Sbinary`: the bytes exactly as encoded, no character-set guessing.
        case binary
        /// zbarimg's default: the bytes interpreted as text (it guesses the encoding) and converted to UTF-8.
        case text
    }

    /// The payloads of the QR codes zbarimg finds in the PNG image, one per symbol.
    public static func decode(png: [UInt8], output: Output = .binary) throws -> [UInt8] {
        guard let zbarimg = executablePath() else { throw Failure(description: missingMessage) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qrcode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("code.png")
        try Data(png).write(to: file)
        var arguments = [zbarimg, "--raw", "-q", "--nodbus", "-Sdisable", "-Sqrcode.enable"]
        if output == .binary {
            arguments.append("-Sbinary")
        }
        let result = try ChildProcess.run(arguments + [file.path])
        guard result.status == 0 else {
            throw Failure(description: "zbarimg found no QR code (exit status \(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    private static func executablePath() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { "\($0)/zbarimg" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
