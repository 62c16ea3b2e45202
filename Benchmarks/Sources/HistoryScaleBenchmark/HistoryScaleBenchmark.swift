import Foundation
import GNAP
import GNAPStorage
import TerminalStorage

/// `swift run -c release --package-path Benchmarks HistoryScaleBenchmark [--decisions N] [--events N] [--runs N]`:
/// the approver's decision history and the AS's audit log at a million rows each — listing, search and cursor
/// paging timed through the stores' own APIs, and the bytes each row costs on disk (docs/performance.md).
@main
struct HistoryScaleBenchmark {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let decisions = Int(value(of: "--decisions", in: arguments) ?? "") ?? 1_000_000
        let events = Int(value(of: "--events", in: arguments) ?? "") ?? 1_000_000
        let runs = Int(value(of: "--runs", in: arguments) ?? "") ?? 15
        #if DEBUG
            print("build: debug (numbers are meaningless: use -c release)")
        #else
            print("build: release")
        #endif
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gnapterm-history-scale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try await DecisionHistoryScale(directory: directory, count: decisions, runs: runs).run()
            try await AuditLogScale(directory: directory, count: events, runs: runs).run()
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    static func value(of option: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: option), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }
}
