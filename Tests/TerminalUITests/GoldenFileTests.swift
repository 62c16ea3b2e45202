import Foundation
import TerminalUITestSupport
import Testing

@Suite struct GoldenFileTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("golden-\(UUID().uuidString)").appendingPathComponent("screen.txt").path
    }

    @Test func missingRecordedMatchedAndMismatched() throws {
        let path = temporaryPath()
        defer {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        #expect(try GoldenFile.compare("a\nb", path: path, record: false) == .missing(path: path))
        #expect(try GoldenFile.compare("a\nb", path: path, record: true) == .recorded(path: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\nb\n")
        #expect(try GoldenFile.compare("a\nb", path: path, record: false) == .matched)
        guard case .mismatched(_, let diff) = try GoldenFile.compare("a\nX\nc", path: path, record: false) else {
            Issue.record("expected a mismatch")
            return
        }
        #expect(diff.contains("line 2:\n  expected: |b|\n  actual:   |X|"))
        #expect(diff.contains("line 3:\n  expected: ||\n  actual:   |c|"))
        #expect(diff.contains("line 4:\n  expected: <no line>\n  actual:   ||"))
        #expect(!diff.contains("line 1:"))
    }

    @Test func snapshotPathIsBesideTheTestFile() {
        #expect(
            GoldenFile.path(named: "screen", besides: "/x/Tests/FooTests/BarTests.swift")
                == "/x/Tests/FooTests/Snapshots/screen.txt")
    }

    @Test func missingSnapshotIsAFailureThatSaysHowToRecord() {
        let directory = URL(fileURLWithPath: temporaryPath()).deletingLastPathComponent().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        withKnownIssue {
            assertSnapshot("text", named: "does-not-exist", in: directory)
        } matching: { issue in
            issue.description.contains("RECORD_SNAPSHOTS")
        }
    }
}
