import Foundation
import GNAP
import GNAPClient
import GNAPStorage
import HTTPMessageSignatures
import Testing

extension FaultSuite {
    /// `kill -9` of a real `gnapterm serve` at random moments under a mixed load of several clients and approvers
    /// (grant requests, code entry, approvals, denials, polling, token rotation), restarted each time on the same data
    /// directory. Afterwards every write the AS acknowledged is in the database, and every client finished its flow:
    /// a continuation call whose answer was lost is repeated with the same token and accepted.
    @Suite("Crash recovery under load", .serialized, .timeLimit(.minutes(6)))
    struct CrashRecoveryTests {
        static let kills = 22
        static let clients = 6

        @Test func everyAcknowledgedWriteSurvivesRepeatedKillsAndEveryClientFinishes() async throws {
            let serve = try ServeProcess()
            defer { serve.removeData() }
            try await serve.start()
            let approvers = try await Self.enrollApprovers(serve, count: 3)
            let ledger = Ledger()

            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<Self.clients {
                    let client = FaultClient(
                        base: serve.url, approver: approvers[index % approvers.count], ledger: ledger)
                    group.addTask {
                        var flow = 0
                        // Each client goes on with whole flows until the last restart, then finishes the one it is in.
                        while !ledger.snapshot.killsDone || flow == 0 {
                            try await client.runFlow(approve: (index + flow) % 3 != 0, rotations: 1 + flow % 2)
                            flow += 1
                        }
                    }
                }
                group.addTask {
                    defer { ledger.record { $0.killsDone = true } }
                    for _ in 0..<Self.kills {
                        try await Task.sleep(for: .milliseconds(Int.random(in: 200...1200)))
                        try await serve.kill9()
                        ledger.record { $0.kills += 1 }
                        try await serve.start()
                    }
                }
                try await group.waitForAll()
            }
            try await serve.stop()
            let entries = ledger.snapshot
            print(
                "fault run: \(entries.kills) kills, \(entries.grants.count) grants, \(entries.approvals.count) approvals, "
                    + "\(entries.denials.count) denials, \(entries.tokens.count) token values (\(entries.rotations) "
                    + "rotations), \(entries.granted) granted and \(entries.denied) denied flows, "
                    + "\(entries.transientFailures) calls lost in transit, \(entries.unacknowledgedCommits) committed "
                    + "without an answer")
            #expect(entries.kills == Self.kills)
            #expect(entries.transientFailures > 0, "no kill hit a call: the load did not overlap the kills")
            #expect(entries.approvals.count > Self.clients && !entries.denials.isEmpty && entries.rotations > 0)
            try await Self.checkDatabase(serve.dataDirectory, against: entries)
            let store = try ASDatabase.open(directory: serve.dataDirectory)
            let repeats = try await store.auditEntries(AuditQuery(limit: 100_000)).filter {
                $0.event.kind == .continuationRepeated
            }
            print("fault run: \(repeats.count) continuation calls repeated after their answer was lost")
        }

        /// Every acknowledged grant, decision and token is in the database; each grant's last received token, unless a
        /// rotation of it went unanswered, is still active.
        static func checkDatabase(_ directory: URL, against entries: Ledger.Entries) async throws {
            let store = try ASDatabase.open(directory: directory)
            let now = WallClock().now
            for id in entries.grants {
                let grant = try await store.grant(id: id)
                #expect(grant != nil, "acknowledged grant \(id) is missing")
                if entries.approvals.contains(id) {
                    #expect(grant?.lifecycle.approval != nil, "acknowledged approval of \(id) is missing")
                }
                if entries.denials.contains(id) {
                    #expect(grant?.lifecycle.denial != nil, "acknowledged denial of \(id) is missing")
                }
            }
            // A rotation replaces the token's value in place (RFC 9635 §6.1): an earlier value must no longer work.
            let current = Set(entries.currentTokens.values)
            for (value, grantID) in entries.tokens where !current.contains(value) {
                let token = try await store.accessToken(hash: Secrets.hash(value))
                #expect(token?.isActive(at: now) != true, "a rotated-away token of grant \(grantID) still works")
            }
            for (grantID, value) in entries.currentTokens {
                let token = try await store.accessToken(hash: Secrets.hash(value))
                #expect(token?.grantID == grantID, "the last acknowledged token of grant \(grantID) is missing")
                #expect(
                    token?.isActive(at: now) == true, "the last acknowledged token of grant \(grantID) is not active")
            }
        }

        /// Enrolls the admin's device with the bootstrap code, then `count` approver accounts through the admin API,
        /// each with one enrolled device (code entry is limited per device, so the load is spread over several).
        static func enrollApprovers(_ serve: ServeProcess, count: Int) async throws -> [InteractionClient] {
            let transport = AsyncHTTPTransport(timeout: .seconds(10))
            let endpoint = serve.url + "/interact/v1"
            let admin = try await enroll(code: try serve.bootstrapCode(), endpoint: endpoint, transport: transport)
            let administration = AdminClient(
                transport: transport, key: admin.client.key, server: serve.url, clock: WallClock())
            var approvers: [InteractionClient] = []
            for index in 0..<count {
                let username = "fault-approver-\(index)"
                _ = try await administration.addAccount(NewAccountRequest(username: username, role: .user))
                let invitation = try await administration.invite(username: username)
                approvers.append(try await enroll(code: invitation.code, endpoint: endpoint, transport: transport))
            }
            return approvers
        }

        static func enroll(code: String, endpoint: String, transport: AsyncHTTPTransport) async throws
            -> InteractionClient
        {
            var key = SigningKey.generateEd25519()
            key.keyID = try key.publicJWK().thumbprint()
            let enrolling = InteractionClient(transport: transport, key: key, endpoint: endpoint, clock: WallClock())
            let enrollment = try await enrolling.enroll(code: code, deviceName: "fault suite approver")
            key.keyID = enrollment.deviceID
            return InteractionClient(transport: transport, key: key, endpoint: endpoint, clock: WallClock())
        }
    }
}
