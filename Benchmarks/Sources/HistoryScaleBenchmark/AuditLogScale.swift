import Foundation
import GNAP
import GNAPStorage
import GRDB

/// The AS's audit log with `count` events: filled in bulk through SQLite, then paged through `ASDatabase` as the
/// admin API pages it (a cursor, optionally a grant or a kind).
struct AuditLogScale {
    let directory: URL
    let count: Int
    let runs: Int

    static let kinds = ["grant.created", "code.entered", "grant.approved", "token.issued", "grant.finalized"]

    func run() async throws {
        let data = directory.appendingPathComponent("as")
        _ = try ASDatabase.open(directory: data)
        let path = data.appendingPathComponent(ASDatabase.fileName).path
        let fillStart = ContinuousClock.now
        try fill(path: path)
        print("audit log: \(count) events filled in \(ContinuousClock.now - fillStart)")
        let bytes = Timing.fileBytes(path)
        print("RESULT audit-size events=\(count) bytes=\(bytes) bytes_per_event=\(bytes / max(1, count))")
        let store = try ASDatabase.open(directory: data)
        let middle = Int64(count / 2)
        print(
            Timing.line(
                "audit-page-first-100",
                try await Timing.measure(runs: runs) {
                    try await store.auditEntries(AuditQuery(limit: 100)).count
                }))
        print(
            Timing.line(
                "audit-page-middle-100",
                try await Timing.measure(runs: runs) {
                    try await store.auditEntries(AuditQuery(afterID: middle, limit: 100)).count
                }))
        print(
            Timing.line(
                "audit-page-grant",
                try await Timing.measure(runs: runs) {
                    try await store.auditEntries(AuditQuery(afterID: middle, grantID: "grant-000777", limit: 100)).count
                }))
        print(
            Timing.line(
                "audit-page-kind-100",
                try await Timing.measure(runs: runs) {
                    try await store.auditEntries(AuditQuery(afterID: middle, kind: "token.issued", limit: 100)).count
                }))
        print(
            Timing.line(
                "audit-latest-id",
                try await Timing.measure(runs: runs) {
                    Int(try await store.latestAuditEntryID() > 0 ? 1 : 0)
                }))
    }

    /// Inserts the events in transactions of 50,000, five per grant. Their grant ids name no stored grant, so this
    /// connection turns the foreign key check off: the listing reads only `audit_events`.
    private func fill(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = OFF") }
        var at: Int64 = 1_700_000_000_000
        var index = 0
        while index < count {
            try queue.inTransaction { db in
                let statement = try db.makeStatement(
                    sql: """
                        INSERT INTO audit_events (grant_id, at, kind, detail, account_id, actor, request_id)
                        VALUES (?, ?, ?, ?, NULL, 'system', ?)
                        """)
                for _ in 0..<min(50_000, count - index) {
                    at += 7
                    let grant = String(format: "grant-%06d", index / 5)
                    try statement.execute(arguments: [
                        grant, at, Self.kinds[index % 5], "client c-\(index % 997) (thumbprint) asked for 1 token(s)",
                        "req-\(index)",
                    ])
                    index += 1
                }
                return .commit
            }
        }
    }
}
