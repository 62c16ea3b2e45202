import GNAP
import TerminalSession
import TerminalUI

/// The decision history list and its detail view.
public struct HistoryState: Equatable, Sendable {
    public var records: [DecisionRecord]
    public var list: ListViewState
    public var isLoading: Bool
    /// Why loading failed.
    public var error: String?
    /// The first row shown of the detail view.
    public var detailScroll: Int
    /// `/` search over the history (SQLite FTS5) and the matches `n`/`N` move between.
    public var search: SearchState

    /// Nothing loaded.
    public init() {
        records = []
        list = ListViewState()
        isLoading = false
        error = nil
        detailScroll = 0
        search = SearchState()
    }

    /// The selected record.
    public var selectedRecord: DecisionRecord? {
        list.clampedSelection(rowCount: records.count).map { records[$0] }
    }
}
