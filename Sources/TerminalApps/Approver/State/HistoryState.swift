import GNAP
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

    /// Nothing loaded.
    public init() {
        records = []
        list = ListViewState()
        isLoading = false
        error = nil
        detailScroll = 0
    }

    /// The selected record.
    public var selectedRecord: DecisionRecord? {
        list.clampedSelection(rowCount: records.count).map { records[$0] }
    }
}
