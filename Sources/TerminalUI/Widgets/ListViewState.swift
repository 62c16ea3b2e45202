/// Selection and scroll position of a `ListView`, kept in the program's state.
///
/// The stored `scrollOffset` is a hint: drawing and hit-testing use `visibleOffset(rowCount:visibleRows:)`,
/// which moves the window as little as possible so that the selection is always visible, whatever the
/// height the list is finally drawn at.
public struct ListViewState: Hashable, Sendable {
    /// Index of the selected row, or nil when nothing is selected (empty list).
    public var selection: Int?
    /// Index of the first row shown.
    public var scrollOffset: Int

    /// Creates a state; by default the first row is selected.
    public init(selection: Int? = 0, scrollOffset: Int = 0) {
        self.selection = selection
        self.scrollOffset = scrollOffset
    }

    /// The first row to show in a viewport of `visibleRows` rows over `rowCount` rows: the stored
    /// offset, moved just enough to keep the selection visible and clamped to the list.
    public func visibleOffset(rowCount: Int, visibleRows: Int) -> Int {
        guard rowCount > 0, visibleRows > 0 else { return 0 }
        var offset = min(max(0, scrollOffset), max(0, rowCount - visibleRows))
        if let selection = clampedSelection(rowCount: rowCount) {
            if selection < offset { offset = selection }
            if selection >= offset + visibleRows { offset = selection - visibleRows + 1 }
        }
        return offset
    }

    /// Selects `index` (clamped to the list) and scrolls so it is visible in `visibleRows` rows.
    public mutating func select(_ index: Int, rowCount: Int, visibleRows: Int) {
        guard rowCount > 0 else {
            selection = nil
            scrollOffset = 0
            return
        }
        selection = min(max(0, index), rowCount - 1)
        scrollOffset = visibleOffset(rowCount: rowCount, visibleRows: max(1, visibleRows))
    }

    /// Moves the selection by `delta` rows (negative is up), clamped to the list.
    public mutating func move(by delta: Int, rowCount: Int, visibleRows: Int) {
        select((clampedSelection(rowCount: rowCount) ?? 0) + delta, rowCount: rowCount, visibleRows: visibleRows)
    }

    /// Moves one page (`visibleRows` rows) down, or up when `up` is true.
    public mutating func page(up: Bool = false, rowCount: Int, visibleRows: Int) {
        let step = max(1, visibleRows - 1)
        move(by: up ? -step : step, rowCount: rowCount, visibleRows: visibleRows)
    }

    /// Selects the first row.
    public mutating func selectFirst(rowCount: Int, visibleRows: Int) {
        select(0, rowCount: rowCount, visibleRows: visibleRows)
    }

    /// Selects the last row.
    public mutating func selectLast(rowCount: Int, visibleRows: Int) {
        select(rowCount - 1, rowCount: rowCount, visibleRows: visibleRows)
    }

    /// The selection clamped to a list of `rowCount` rows (nil when the list is empty or nothing is selected).
    public func clampedSelection(rowCount: Int) -> Int? {
        guard let selection, rowCount > 0 else { return nil }
        return min(max(0, selection), rowCount - 1)
    }
}
