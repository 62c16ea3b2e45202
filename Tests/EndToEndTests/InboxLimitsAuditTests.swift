import Foundation
import GNAP
import GNAPStorage
import Testing

extension EndToEnd {
    /// `gnapterm serve`'s fatigue options (RFC 9635 §13) reach the audit log as the AS starts: what an auditor reads
    /// to know which limits protected the users at the time.
    @Suite("serve writes its inbox limits to the audit log", .timeLimit(.minutes(2)))
    struct InboxLimitsAuditTests {
        @Test func theFatigueOptionsAreAuditedWhenServeStarts() async throws {
            let server = try await ASProcess.start(extraArguments: [
                "--allow-async-dynamic-clients", "--max-pending-async", "7", "--max-async-per-hour", "33",
                "--async-denials-before-block", "4",
            ])
            defer { server.stop() }
            try await server.kill()
            let database = try ASDatabase.open(directory: server.dataDirectory)
            let entries = try await database.auditEntries(AuditQuery(kind: .inboxLimits))
            #expect(
                entries.map(\.event.detail) == [
                    "asynchronous requests: dynamic clients allowed; per client and user at most 7 pending and 33 per "
                        + "60 minutes; blocked after 4 denials in a row"
                ])
        }
    }
}
