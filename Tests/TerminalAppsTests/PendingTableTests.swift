import GNAP
import TerminalApps
import Testing

@Suite("Pending table order")
struct PendingTableTests {
    /// A deterministic generator, so a failure replays.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let clients = ["Photo Printer", "lobby kiosk", "Lobby Kiosk", "TV", "ci runner"]

    /// The order a from-scratch sort and filter gives.
    static func expected(_ table: PendingTable) -> [String] {
        let needle = table.filter.lowercased()
        return table.rows.values.filter { row in
            needle.isEmpty
                || ([row.id, row.client] + row.rights + row.modes).contains { $0.lowercased().contains(needle) }
                || (row.approverAccountID.map { table.usernames[$0] ?? $0 } ?? "").lowercased().contains(needle)
        }
        .sorted { a, b in
            let sort = table.sort
            let (left, right): (String, String)
            switch sort.column {
            case .age: (left, right) = (pad(a.createdAt.unixMilliseconds), pad(b.createdAt.unixMilliseconds))
            case .expires:
                (left, right) = (
                    pad(a.expiresAt?.unixMilliseconds ?? Int64.max), pad(b.expiresAt?.unixMilliseconds ?? Int64.max)
                )
            case .client: (left, right) = (a.client.lowercased(), b.client.lowercased())
            case .approver:
                (left, right) = (
                    a.approverAccountID.map { table.usernames[$0] ?? $0 } ?? "",
                    b.approverAccountID.map { table.usernames[$0] ?? $0 } ?? ""
                )
            }
            let ascending = left == right ? a.id < b.id : left < right
            return sort.ascending ? ascending : !ascending
        }
        .map(\.id)
    }

    static func pad(_ number: Int64) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, 20 - text.count)) + text
    }

    /// Thousands of random inserts, updates, removals, sorts and filters: the incrementally kept order always equals
    /// a fresh sort.
    @Test func theIncrementalOrderAlwaysEqualsAFreshSort() {
        var generator = Generator(state: 42)
        var table = PendingTable()
        table.setUsernames(["acct-1": "alice", "acct-2": "bob"])
        let base = WallInstant(unixSeconds: 1_767_258_000)
        let filters = ["", "", "", "lobby", "o", "ali", "g-1", "print"]
        for step in 0..<1500 {
            let id = "g-\(generator.next(300))"
            switch generator.next(10) {
            case 0..<5:
                let row = GrantRow(
                    id: id, client: Self.clients[generator.next(Self.clients.count)],
                    rights: generator.next(2) == 0 ? ["printer: print"] : ["profile.read"],
                    createdAt: base.advanced(by: .seconds(Int64(generator.next(50)))),
                    expiresAt: generator.next(4) == 0 ? nil : base.advanced(by: .seconds(Int64(generator.next(50)))),
                    codeEntered: generator.next(2) == 0,
                    approverAccountID: ["acct-1", "acct-2", "acct-3", nil][generator.next(4)])
                table.upsert(row)
            case 5..<8:
                table.remove(id)
            case 8:
                let column = TableSort.Column.allCases[generator.next(4)]
                table.setSort(TableSort(column: column, ascending: generator.next(2) == 0))
            default:
                table.setFilter(filters[generator.next(filters.count)])
            }
            #expect(table.order == Self.expected(table), "step \(step)")
            if table.order != Self.expected(table) { return }
        }
        #expect(table.codeEnteredCount == table.rows.values.filter(\.codeEntered).count)
    }
}
