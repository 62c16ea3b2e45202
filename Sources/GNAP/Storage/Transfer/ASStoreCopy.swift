/// Copies every row of one AS store into another, empty one, table by table in pages, and checks that both hold the
/// same number of rows per table afterwards. The source must not change meanwhile (stop the AS first).
public enum ASStoreCopy {
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
    }

    /// Copies `source` into `destination`; returns the rows copied per table. Throws ``Failure`` when the
    /// destination is not empty (nothing is written then) or the counts differ afterwards. `progress` is called after
    /// each table.
    @discardableResult
    public static func run(
        from source: some ASStoreTransfer, to destination: some ASStoreTransfer, pageSize: Int = 500,
        progress: (ASTable, Int) -> Void = { _, _ in }
    ) async throws -> [ASTable: Int] {
        let present = try await destination.tableCounts().filter { $0.value > 0 }.keys.sorted()
        guard present.isEmpty else {
            throw Failure(
                description: "the destination is not empty (it has "
                    + present.map(\.rawValue).joined(separator: ", ") + "); copy into a new, empty database")
        }
        let expected = try await source.tableCounts()
        for table in ASTable.allCases {
            var cursor: String?
            var copied = 0
            repeat {
                let page = try await source.exportRows(of: table, after: cursor, limit: max(1, pageSize))
                if !page.rows.isEmpty { try await destination.importRows(page.rows) }
                copied += page.rows.count
                cursor = page.next
            } while cursor != nil
            progress(table, copied)
        }
        try await destination.finishImport()
        let copied = try await destination.tableCounts()
        let differing = ASTable.allCases.filter { (expected[$0] ?? 0) != (copied[$0] ?? 0) }
        guard differing.isEmpty else {
            throw Failure(
                description: "the copy does not match the source: "
                    + differing.map { "\($0.rawValue) \(expected[$0] ?? 0) → \(copied[$0] ?? 0)" }
                    .joined(separator: ", "))
        }
        return copied
    }
}
