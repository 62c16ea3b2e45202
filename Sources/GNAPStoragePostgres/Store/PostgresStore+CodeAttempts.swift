import GNAP
import PostgresNIO

/// ``CodeAttemptStore``: user-code entries counted in the database for every instance. Admissions take one
/// advisory lock for their transaction, so they run one at a time across instances and cannot overshoot a limit.
extension PostgresStore: CodeAttemptStore {
    public func beginCodeAttempt(device: String, at now: WallInstant, policy: CodeAttemptPolicy) async throws
        -> CodeAttemptAdmission
    {
        try await transaction { connection in
            let logger = self.logger
            try await connection.run(
                "SELECT pg_advisory_xact_lock(hashtextextended('gnapterm.code_attempts.' || current_schema(), 0))",
                logger)
            let deviceStart = policy.deviceWindowStart(at: now).unixMilliseconds
            let everyoneStart = policy.asWideWindowStart(at: now).unixMilliseconds
            let mine = try await Self.window(
                connection,
                "SELECT COUNT(*), MIN(at) FROM code_attempts WHERE device_id = \(device) AND at > \(deviceStart)",
                logger)
            let everyone = try await Self.window(
                connection, "SELECT COUNT(*), MIN(at) FROM code_attempts WHERE at > \(everyoneStart)", logger)
            if let refusal = policy.refusal(device: mine, everyone: everyone, now: now) { return .refused(refusal) }
            let ticket = CodeAttemptTicket(device: device, id: Secrets.identifier())
            try await connection.run(
                """
                INSERT INTO code_attempts (id, device_id, at) VALUES (\(ticket.id), \(device), \(now.unixMilliseconds))
                """, logger)
            return .admitted(ticket)
        }
    }

    public func settleCodeAttempt(
        _ ticket: CodeAttemptTicket, failed: Bool, at now: WallInstant, policy: CodeAttemptPolicy
    ) async throws -> Int {
        try await transaction { connection in
            let logger = self.logger
            if !failed { try await connection.run("DELETE FROM code_attempts WHERE id = \(ticket.id)", logger) }
            let start = policy.deviceWindowStart(at: now).unixMilliseconds
            let used =
                try await connection.first(
                    "SELECT COUNT(*) FROM code_attempts WHERE device_id = \(ticket.device) AND at > \(start)", logger
                ).map { Int(try $0.decode(Int64.self)) } ?? 0
            return max(0, policy.perDeviceLimit - used)
        }
    }

    public func purgeCodeAttempts(before cutoff: WallInstant, limit: Int) async throws -> Int {
        try await autocommit { connection in
            try await connection.first(
                """
                WITH purged AS (
                    DELETE FROM code_attempts WHERE id IN (
                        SELECT id FROM code_attempts WHERE at <= \(cutoff.unixMilliseconds) LIMIT \(max(1, limit)))
                    RETURNING 1)
                SELECT COUNT(*) FROM purged
                """, self.logger
            ).map { Int(try $0.decode(Int64.self)) } ?? 0
        }
    }

    private static func window(_ connection: PostgresConnection, _ query: PostgresQuery, _ logger: Logger)
        async throws -> CodeAttemptWindow
    {
        guard let row = try await connection.first(query, logger) else {
            return CodeAttemptWindow(count: 0, oldest: nil)
        }
        let (count, oldest) = try row.decode((Int64, Int64?).self)
        return CodeAttemptWindow(count: Int(count), oldest: WallInstant(milliseconds: oldest))
    }
}
