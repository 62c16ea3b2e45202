/// The pending requests, keyed by grant id, with the ids that pass the filter kept in sort order.
///
/// The order is maintained incrementally (binary search, then one insertion or removal), so an event costs
/// O(log n) comparisons plus a move of the id array, never a re-sort; only changing the sort or the filter
/// re-sorts. The view reads only the slice of ``order`` that is on screen.
public struct PendingTable: Sendable, Equatable {
    public private(set) var rows: [String: GrantRow] = [:]
    /// Ids of the rows that match ``filter``, in ``sort`` order.
    public private(set) var order: [String] = []
    public private(set) var sort = TableSort()
    public private(set) var filter = ""
    /// Account id → username, for the approver column, sorting and filtering.
    public private(set) var usernames: [String: String] = [:]
    /// How many rows have their code entered (shown in the header).
    public private(set) var codeEnteredCount = 0

    public init() {}

    public var count: Int { rows.count }

    public subscript(id: String) -> GrantRow? { rows[id] }

    func approverName(_ accountID: String?) -> String {
        guard let accountID else { return "" }
        return usernames[accountID] ?? accountID
    }

    /// Adds or replaces a row.
    public mutating func upsert(_ row: GrantRow) {
        if let old = rows[row.id] {
            if old.codeEntered { codeEnteredCount -= 1 }
            removeFromOrder(old)
        }
        rows[row.id] = row
        if row.codeEntered { codeEnteredCount += 1 }
        insertIntoOrder(row)
    }

    /// Removes a row; returns it.
    @discardableResult
    public mutating func remove(_ id: String) -> GrantRow? {
        guard let old = rows.removeValue(forKey: id) else { return nil }
        if old.codeEntered { codeEnteredCount -= 1 }
        removeFromOrder(old)
        return old
    }

    /// Replaces everything (a fresh snapshot).
    public mutating func replaceAll(_ newRows: [GrantRow]) {
        rows = Dictionary(newRows.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        codeEnteredCount = rows.values.reduce(0) { $0 + ($1.codeEntered ? 1 : 0) }
        rebuild()
    }

    public mutating func setSort(_ newSort: TableSort) {
        guard newSort != sort else { return }
        sort = newSort
        rebuild()
    }

    public mutating func setFilter(_ newFilter: String) {
        guard newFilter != filter else { return }
        filter = newFilter
        rebuild()
    }

    public mutating func setUsernames(_ names: [String: String]) {
        guard names != usernames else { return }
        usernames = names
        rebuild()
    }

    /// The position of a row in ``order``, if it is there.
    public func index(of id: String) -> Int? {
        guard let row = rows[id] else { return nil }
        let index = insertionIndex(row)
        return index < order.count && order[index] == id ? index : nil
    }

    private func matches(_ row: GrantRow) -> Bool {
        row.matches(filter, approverName: row.approverAccountID.flatMap { usernames[$0] })
    }

    private mutating func rebuild() {
        let sort = sort
        let rows = rows
        let names = usernames
        let name: (String?) -> String = { id in id.map { names[$0] ?? $0 } ?? "" }
        order = rows.values.filter(matches).sorted { sort.precedes($0, $1, approverName: name) }.map(\.id)
    }

    /// The first index whose row does not precede `row` (lower bound).
    private func insertionIndex(_ row: GrantRow) -> Int {
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if let other = rows[order[middle]], sort.precedes(other, row, approverName: approverName) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    private mutating func insertIntoOrder(_ row: GrantRow) {
        guard matches(row) else { return }
        order.insert(row.id, at: insertionIndex(row))
    }

    /// Removes `old` from the order; must run while `rows` still sorts the neighbours as when it was inserted.
    private mutating func removeFromOrder(_ old: GrantRow) {
        // `rows[old.id]` may already hold the replacement, so compare against the old row itself.
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            let id = order[middle]
            let other = id == old.id ? old : rows[id]
            if let other, sort.precedes(other, old, approverName: approverName) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        if low < order.count, order[low] == old.id { order.remove(at: low) }
    }
}
