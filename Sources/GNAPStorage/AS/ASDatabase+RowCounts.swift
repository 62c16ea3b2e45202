import GRDB

extension ASDatabase {
    /// How many rows each table holds (SQLite's own tables aside), by table name: what a test compares before and
    /// after requests that must write nothing, and what a fault test reads after a restart.
    public func rowCounts() async throws -> [String: Int] {
        try read { db in
            let tables = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    AND name NOT LIKE 'grdb_%' ORDER BY name
                    """)
            var counts: [String: Int] = [:]
            for table in tables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
            }
            return counts
        }
    }
}
