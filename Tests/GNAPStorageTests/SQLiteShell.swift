import GRDB

/// A plain connection to a database file, to check that schema rules hold outside the store's API.
struct SQLiteShell {
    let queue: DatabaseQueue

    init(path: String) throws { queue = try DatabaseQueue(path: path) }

    func execute(_ sql: String) throws { try queue.write { db in try db.execute(sql: sql) } }
}
