import GNAP
import GRDB

/// ``CodeAttemptStore``: user-code entries counted in the database. SQLite runs one write transaction at a time,
/// which serializes admissions.
extension ASDatabase {
    public func beginCodeAttempt(device: String, at now: WallInstant, policy: CodeAttemptPolicy) async throws
        -> CodeAttemptAdmission
    {
        try await write { db in
            let mine = try Self.window(
                db, sql: "SELECT COUNT(*), MIN(at) FROM code_attempts WHERE device_id = ? AND at > ?",
                arguments: [device, policy.deviceWindowStart(at: now).unixMilliseconds])
            let everyone = try Self.window(
                db, sql: "SELECT COUNT(*), MIN(at) FROM code_attempts WHERE at > ?",
                arguments: [policy.asWideWindowStart(at: now).unixMilliseconds])
            if let refusal = policy.refusal(device: mine, everyone: everyone, now: now) { return .refused(refusal) }
            let ticket = CodeAttemptTicket(device: device, id: Secrets.identifier())
            try db.execute(
                sql: "INSERT INTO code_attempts (id, device_id, at) VALUES (?, ?, ?)",
                arguments: [ticket.id, device, now.unixMilliseconds])
            return .admitted(ticket)
        }
    }

    public func settleCodeAttempt(
        _ ticket: CodeAttemptTicket, failed: Bool, at now: WallInstant, policy: CodeAttemptPolicy
    ) async throws -> Int {
        try await write { db in
            if !failed {
                try db.execute(sql: "DELETE FROM code_attempts WHERE id = ?", arguments: [ticket.id])
            }
            let used =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM code_attempts WHERE device_id = ? AND at > ?",
                    arguments: [ticket.device, policy.deviceWindowStart(at: now).unixMilliseconds]) ?? 0
            return max(0, policy.perDeviceLimit - used)
        }
    }

    public func purgeCodeAttempts(before cutoff: WallInstant, limit: Int) async throws -> Int {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM code_attempts WHERE id IN (SELECT id FROM code_attempts WHERE at <= ? LIMIT ?)",
                arguments: [cutoff.unixMilliseconds, max(1, limit)])
            return db.changesCount
        }
    }

    private static func window(_ db: Database, sql: String, arguments: StatementArguments) throws
        -> CodeAttemptWindow
    {
        guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments) else {
            return CodeAttemptWindow(count: 0, oldest: nil)
        }
        return CodeAttemptWindow(
            count: row[0], oldest: (row[1] as Int64?).map(WallInstant.init(unixMilliseconds:)))
    }
}
