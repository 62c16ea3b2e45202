/// The pending requests, keyed by grant id, with their ids kept in sort order: all of them, and those that pass
/// the filter.
///
/// The orders are maintained incrementally (binary search, then one insertion or removal), so an event costs
/// O(log n) comparisons plus a move of the id array, never a re-sort. Changing the filter scans the sorted ids
/// once; reversing the sort reverses them; only choosing another column sorts. The view reads only the slice of
/// ``order`` that is on screen.
public struct PendingTable: Sendable {
    public private(set) var rows: [String: GrantRow] = [:]
    /// Every id, in ``sort`` order.
    private var all: [String] = []
    /// What sorting and filtering read of each row, parallel to ``all`` (same index): a sort or a filter change walks
    /// these contiguous arrays instead of looking 50,000 rows up by id and copying them.
    private var entries: [Entry] = []
    /// The ids that pass the filter, in ``sort`` order (unused while the filter is empty).
    private var filtered: [String] = []
    public private(set) var sort = TableSort()
    public private(set) var filter = ""
    /// The filter lower-cased, as UTF-8 (rows keep their searchable text the same way).
    private var needle: [UInt8] = []
    /// The accounts whose username matches the filter (a few names, matched once per filter instead of per row).
    private var matchingApprovers: Set<String> = []
    /// Account id → username, for the approver column, sorting and filtering.
    public private(set) var usernames: [String: String] = [:]
    /// How many rows have their code entered (shown in the header).
    public private(set) var codeEnteredCount = 0

    public init() {}

    public var count: Int { rows.count }

    /// Ids of the rows that match ``filter``, in ``sort`` order.
    public var order: [String] { filter.isEmpty ? all : filtered }

    public subscript(id: String) -> GrantRow? { rows[id] }

    func approverName(_ accountID: String?) -> String {
        guard let accountID else { return "" }
        return usernames[accountID] ?? accountID
    }

    /// Adds or replaces a row.
    public mutating func upsert(_ row: GrantRow) {
        let old = rows[row.id]
        if let old, old.codeEntered { codeEnteredCount -= 1 }
        if row.codeEntered { codeEnteredCount += 1 }
        // Most updates (a code entered, a newer event id) leave the row where it is: no move in the order.
        if let old, matches(old) == matches(row),
            sort.key(old, approverName: approverName) == sort.key(row, approverName: approverName)
        {
            let position = insertionIndex(old, in: all)
            rows[row.id] = row
            if position < all.count, all[position] == row.id { entries[position] = Entry(row) }
            return
        }
        if let old { removeFromOrders(old) }
        rows[row.id] = row
        let position = insertionIndex(row, in: all)
        all.insert(row.id, at: position)
        entries.insert(Entry(row), at: position)
        if !filter.isEmpty, matches(row) { filtered.insert(row.id, at: insertionIndex(row, in: filtered)) }
    }

    /// Removes a row; returns it.
    @discardableResult
    public mutating func remove(_ id: String) -> GrantRow? {
        guard let old = rows[id] else { return nil }
        if old.codeEntered { codeEnteredCount -= 1 }
        removeFromOrders(old)
        rows[id] = nil
        return old
    }

    /// Replaces everything (a fresh snapshot).
    public mutating func replaceAll(_ newRows: [GrantRow]) {
        rows = Dictionary(newRows.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        codeEnteredCount = rows.values.reduce(0) { $0 + ($1.codeEntered ? 1 : 0) }
        all = Array(rows.keys)
        entries = all.map { Entry(rows[$0]!) }
        sortAll()
    }

    public mutating func setSort(_ newSort: TableSort) {
        guard newSort != sort else { return }
        let reversedOnly = newSort.column == sort.column
        sort = newSort
        if reversedOnly {
            // The order with ties broken by id reversed too is exactly the reverse.
            all.reverse()
            entries.reverse()
            filtered.reverse()
        } else {
            sortAll()
        }
    }

    public mutating func setFilter(_ newFilter: String) {
        guard newFilter != filter else { return }
        filter = newFilter
        needle = Array(newFilter.lowercased().utf8)
        matchApprovers()
        guard !newFilter.isEmpty else {
            filtered = []
            return
        }
        refilter()
    }

    public mutating func setUsernames(_ names: [String: String]) {
        guard names != usernames else { return }
        usernames = names
        matchApprovers()
        sortAll()
    }

    /// The position of a row in ``order``, if it is there.
    public func index(of id: String) -> Int? {
        guard let row = rows[id] else { return nil }
        let order = order
        let index = insertionIndex(row, in: order)
        return index < order.count && order[index] == id ? index : nil
    }

    private func matches(_ row: GrantRow) -> Bool {
        matches(text: row.searchText, approverAccountID: row.approverAccountID)
    }

    private func matches(text: [UInt8], approverAccountID: String?) -> Bool {
        if needle.isEmpty { return true }
        if text.containsBytes(needle) { return true }
        guard let accountID = approverAccountID else { return false }
        return matchingApprovers.contains(accountID)
            || (usernames[accountID] == nil && Array(accountID.lowercased().utf8).containsBytes(needle))
    }

    private mutating func matchApprovers() {
        let needle = needle
        matchingApprovers = Set(usernames.filter { Array($0.value.lowercased().utf8).containsBytes(needle) }.keys)
    }

    /// Sorts from scratch: each row's key is computed once from ``entries``, positions are sorted by key and id, then
    /// the ids and entries are permuted together.
    private mutating func sortAll() {
        let sort = sort
        let keys = entries.map { sort.key($0, approverName: approverName) }
        let ids = all
        var positions = Array(ids.indices)
        positions.sort { sort.precedes(keys[$0], ids[$0], keys[$1], ids[$1]) }
        all = positions.map { ids[$0] }
        let unsorted = entries
        entries = positions.map { unsorted[$0] }
        refilter()
    }

    /// Recomputes ``filtered`` from ``all`` and ``entries`` (no lookups by id).
    private mutating func refilter() {
        guard !filter.isEmpty else {
            filtered = []
            return
        }
        var matching: [String] = []
        for index in all.indices
        where matches(text: entries[index].text, approverAccountID: entries[index].approverAccountID) {
            matching.append(all[index])
        }
        filtered = matching
    }

    /// The first index in `ids` whose row does not precede `row` (lower bound). `rows[row.id]` may hold a newer
    /// version of `row`, so `row` itself stands for its own id.
    private func insertionIndex(_ row: GrantRow, in ids: [String]) -> Int {
        let key = sort.key(row, approverName: approverName)
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            let id = ids[middle]
            let other = id == row.id ? row : rows[id]
            if let other, sort.precedes(sort.key(other, approverName: approverName), id, key, row.id) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Removes `old` from the orders; must run while `rows` still holds the other rows as they were sorted.
    private mutating func removeFromOrders(_ old: GrantRow) {
        let position = insertionIndex(old, in: all)
        if position < all.count, all[position] == old.id {
            all.remove(at: position)
            entries.remove(at: position)
        }
        if !filter.isEmpty {
            let index = insertionIndex(old, in: filtered)
            if index < filtered.count, filtered[index] == old.id { filtered.remove(at: index) }
        }
    }
}

extension PendingTable {
    /// The parts of a row that sorting and filtering read.
    struct Entry: Sendable {
        var text: [UInt8]
        var approverAccountID: String?
        var createdAt: Int64
        var expiresAt: Int64?
        var sortClient: String

        init(_ row: GrantRow) {
            text = row.searchText
            approverAccountID = row.approverAccountID
            createdAt = row.createdAt.unixMilliseconds
            expiresAt = row.expiresAt?.unixMilliseconds
            sortClient = row.sortClient
        }
    }
}

extension [UInt8] {
    /// Whether `needle` occurs in these bytes (a plain scan: rows' texts are short).
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count else { return false }
        let first = needle[0]
        var start = 0
        while start <= count - needle.count {
            if self[start] == first {
                var offset = 1
                while offset < needle.count, self[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
