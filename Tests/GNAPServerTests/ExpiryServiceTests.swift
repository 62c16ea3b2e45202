import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

@Suite("Expiry service")
struct ExpiryServiceTests {
    @Test func pendingGrantsExpireOnTimeWithAnAuditEvent() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let instance = TestClientInstance()
            let started = try await client.startGrant(try instance.request(), key: instance.key)
            let grantID = String(try #require(started.continue?.uri.split(separator: "/").last))
            let service = harness.server.expiryService()
            #expect(try await service.sweep() == 0)
            harness.clock.advance(by: .seconds(599))
            #expect(try await service.sweep() == 0)
            harness.clock.advance(by: .seconds(1))
            #expect(try await service.sweep() == 1)
            #expect(try await service.sweep() == 0)
            let events = try await harness.store.auditEntries(AuditQuery(grantID: grantID))
            #expect(events.last?.event.kind == "grant.expired")
            #expect(events.last?.event.actor == "system:expiry")
            let counts = try await client.call(.get, "/admin/v1/counts", as: admin).decode(GrantCounts.self)
            #expect(counts.byStatus["expired"] == 1 && counts.byStatus["pending"] == 0)
            let entered = try await client.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: try #require(started.interact?.userCode)),
                key: admin.key, profile: .approverAPI)
            #expect(entered.status == .gone && entered.error?.code == .userCodeExpired)
            let polled = try await client.poll(started, key: instance.key)
            #expect(polled.error?.code == .invalidInteraction)
        }
    }

    @Test func theServiceSleepsUntilTheNextExpiryAndStopsWhenCancelled() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let instance = TestClientInstance()
            let started = try await client.startGrant(try instance.request(), key: instance.key)
            let grantID = String(try #require(started.continue?.uri.split(separator: "/").last))
            let service = harness.server.expiryService(maximumSleep: .seconds(3600))
            let task = Task { try await service.run() }
            // Wait for the service to sleep on the manual clock, then move past the expiry.
            for _ in 0..<2000 where harness.clock.sleeperCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
            try #require(harness.clock.sleeperCount > 0, "the expiry service never went to sleep")
            harness.clock.advance(by: .seconds(600))
            var expired = false
            for _ in 0..<400 where !expired {
                expired = try await harness.store.grant(id: grantID)?.lifecycle.outcome == .expired
                if !expired { try await Task.sleep(for: .milliseconds(5)) }
            }
            #expect(expired)
            task.cancel()
            _ = try? await task.value
        }
    }

    @Test func unusedEnrollmentCodesAreNotedExpiredOnce() async throws {
        let harness = try await ASHarness()
        let administration = AccountAdministration(store: harness.store, clock: harness.clock)
        _ = try await administration.add(NewAccountRequest(username: "dana"))
        _ = try await administration.invite(username: "dana", lifetime: .seconds(60))
        let service = harness.server.expiryService()
        #expect(try await service.sweep() == 0)
        harness.clock.advance(by: .seconds(60))
        // The invitation; the bootstrap code (an hour) is still valid.
        #expect(try await service.sweep() == 1)
        #expect(try await service.sweep() == 0)
        harness.clock.advance(by: .seconds(3600))
        #expect(try await service.sweep() == 1)
        let events = try await harness.store.auditEntries(AuditQuery(kind: "enrollment.expired"))
        #expect(events.count == 2 && events.allSatisfy { $0.event.actor == "system:expiry" })
    }
}
