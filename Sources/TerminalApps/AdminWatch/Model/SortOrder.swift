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

    /// Whether `a` comes before `b`; ties are broken by grant id so the order is total (binary search needs it).
    func precedes(_ a: GrantRow, _ b: GrantRow, approverName: (String?) -> String) -> Bool {
        let order: Bool?
        switch column {
        case .age:
            // Oldest first reads as "longest waiting first", the admin's usual question.
            order = a.createdAt == b.createdAt ? nil : a.createdAt < b.createdAt
        case .expires:
            let left = a.expiresAt?.sinceEpoch ?? .seconds(Int64.max / 2)
            let right = b.expiresAt?.sinceEpoch ?? .seconds(Int64.max / 2)
            order = left == right ? nil : left < right
        case .client:
            let left = a.client.lowercased()
            let right = b.client.lowercased()
            order = left == right ? nil : left < right
        case .approver:
            let left = approverName(a.approverAccountID)
            let right = approverName(b.approverAccountID)
            order = left == right ? nil : left < right
        }
        guard let order else { return ascending ? a.id < b.id : a.id > b.id }
        return ascending ? order : !order
    }
}
