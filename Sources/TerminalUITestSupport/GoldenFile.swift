import Foundation
import Testing

/// Golden-file (snapshot) comparison for text screens.
///
/// The golden file for `name` is `Snapshots/<name>.txt` beside the test file that calls
/// `assertSnapshot` (found through `#filePath`), or in an explicit directory. With
/// `RECORD_SNAPSHOTS=1` in the environment the file is (re)written and an issue is recorded saying
/// so, so that a recording run never passes silently. A missing file is a failure that says how to
/// record it. A mismatch shows the differing lines with their numbers.
public enum GoldenFile {
    /// The environment variable that switches to recording.
    public static let recordVariable = "RECORD_SNAPSHOTS"

    /// The outcome of a comparison (the part of `assertSnapshot` that does not report).
    public enum Outcome: Equatable, Sendable {
        /// The text equals the golden file.
        case matched
        /// The golden file was written.
        case recorded(path: String)
        /// There is no golden file.
        case missing(path: String)
        /// The text differs; the message shows how.
        case mismatched(path: String, diff: String)
    }

    /// Compares `text` with the golden file at `path`, or writes it when `record` is true.
    public static func compare(_ text: String, path: String, record: Bool) throws -> Outcome {
        let url = URL(fileURLWithPath: path)
        let contents = text.hasSuffix("\n") ? text : text + "\n"
        if record {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
            return .recorded(path: path)
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return .missing(path: path)
        }
        if expected == contents { return .matched }
        return .mismatched(path: path, diff: diff(expected: expected, actual: contents))
    }

    /// A line diff: every differing line number with the expected and actual line.
    public static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? old[index] : nil
            let after = index < new.count ? new[index] : nil
            guard before != after else { continue }
            let number = String(index + 1)
            lines.append("line \(number):")
            lines.append("  expected: " + (before.map { "|\($0)|" } ?? "<no line>"))
            lines.append("  actual:   " + (after.map { "|\($0)|" } ?? "<no line>"))
        }
        return lines.joined(separator: "\n")
    }

    /// The golden file path for `name` in `Snapshots/` beside `filePath`.
    public static func path(named name: String, besides filePath: String) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots").appendingPathComponent(name + ".txt").path
    }
}

/// Checks `text` against the golden file `Snapshots/<name>.txt` beside the calling test file (or in
/// `directory` when given) and records a Swift Testing issue when it differs, is missing, or was
/// re-recorded (`RECORD_SNAPSHOTS=1`).
public func assertSnapshot(
    _ text: String,
    named name: String,
    in directory: String? = nil,
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let path =
        directory.map { URL(fileURLWithPath: $0).appendingPathComponent(name + ".txt").path }
        ?? GoldenFile.path(named: name, besides: filePath)
    let record = ProcessInfo.processInfo.environment[GoldenFile.recordVariable] == "1"
    do {
        switch try GoldenFile.compare(text, path: path, record: record) {
        case .matched:
            break
        case .recorded(let path):
            Issue.record(
                "Re-recorded snapshot \(name) at \(path); run again without \(GoldenFile.recordVariable) to check it.",
                sourceLocation: sourceLocation)
        case .missing(let path):
            Issue.record(
                """
                Missing snapshot \(name) (\(path)). Record it with \(GoldenFile.recordVariable)=1 swift test, \
                check the file, and commit it. Actual text:
                \(text)
                """,
                sourceLocation: sourceLocation)
        case .mismatched(let path, let diff):
            Issue.record(
                "Snapshot \(name) differs from \(path):\n\(diff)\nRe-record with \(GoldenFile.recordVariable)=1 if intended.",
                sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("Snapshot \(name): cannot write \(path): \(error)", sourceLocation: sourceLocation)
    }
}
