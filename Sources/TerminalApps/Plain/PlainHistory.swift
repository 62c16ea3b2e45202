import Foundation
import GNAP
import TerminalSession

/// The decision history in plain mode: `history` at the code prompt lists the decisions, `history WORDS` the ones
/// the full-text search finds, as the same lines `gnapterm history` prints.
struct PlainHistory<Backend: ApproverBackend> {
    var backend: Backend
    var timeZone: TimeZone
    var write: (String) -> Void
    var limit = 50

    /// The search words when `line` asks for the history ("" for all of it), else nil.
    static func query(in line: String) -> String? {
        let words = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 1)
        guard let first = words.first, first.lowercased() == "history" else { return nil }
        return words.count > 1 ? String(words[1]).trimmingCharacters(in: .whitespaces) : ""
    }

    func print(_ query: String) async {
        do {
            let records =
                query.isEmpty
                ? try await backend.history(limit: limit) : try await backend.searchHistory(query, limit: limit)
            if records.isEmpty, !query.isEmpty {
                write("No decision matches “\(query)”.\n")
            } else {
                write(HistoryPrinter.text(records, timeZone: timeZone))
            }
        } catch {
            write("error: " + error.displayMessage + "\n")
        }
    }
}
