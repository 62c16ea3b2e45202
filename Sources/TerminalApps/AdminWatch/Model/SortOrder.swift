/// How the pending table is ordered.
public struct TableSort: Sendable, Hashable {
    public enum Column: String, Sendable, Hashable, CaseIterable {
        case age, expires, client, approver
    }

    public var column: Column
    /// For `age`: newest first when false. For the others: A→Z / soonest first when true.
    public var ascending: Bool

    public init(column: Column = .age, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }

    /// The next column (`s` cycles through them).
    public var next: TableSort {
        let all = Column.allCases
        let index = all.firstIndex(of: column) ?? 0
        return TableSort(column: all[(index + 1) % all.count], ascending: ascending)
    }

    /// What a row sorts by in this column: a number (times in milliseconds) or a text, never both.
    struct Key: Comparable {
        var number: Int64
        var text: String

        static func < (lhs: Key, rhs: Key) -> Bool {
            lhs.number != rhs.number ? lhs.number < rhs.number : lhs.text < rhs.text
        }
    }

    func key(_ row: GrantRow, approverName: (String?) -> String) -> Key {
        key(
            createdAt: row.createdAt.unixMilliseconds, expiresAt: row.expiresAt?.unixMilliseconds,
            client: row.sortClient, approverAccountID: row.approverAccountID, approverName: approverName)
    }

    func key(_ entry: PendingTable.Entry, approverName: (String?) -> String) -> Key {
        key(
            createdAt: entry.createdAt, expiresAt: entry.expiresAt, client: entry.sortClient,
            approverAccountID: entry.approverAccountID, approverName: approverName)
    }

    private func key(
        createdAt: Int64, expiresAt: Int64?, client: String, approverAccountID: String?,
        approverName: (String?) -> String
    ) -> Key {
        switch column {
        // Oldest first reads as "longest waiting first", the admin's usual question.
        case .age: Key(number: createdAt, text: "")
        // Rows whose expiry is not known yet go last.
        case .expires: Key(number: expiresAt ?? Int64.max, text: "")
        case .client: Key(number: 0, text: client)
        case .approver: Key(number: 0, text: approverName(approverAccountID))
        }
    }

    /// Whether `a` comes before `b`; ties are broken by grant id so the order is total (binary search needs it).
    func precedes(_ a: GrantRow, _ b: GrantRow, approverName: (String?) -> String) -> Bool {
        precedes(key(a, approverName: approverName), a.id, key(b, approverName: approverName), b.id)
    }

    func precedes(_ left: Key, _ leftID: String, _ right: Key, _ rightID: String) -> Bool {
        if left == right { return ascending ? leftID < rightID : leftID > rightID }
        return ascending ? left < right : right < left
    }
}
