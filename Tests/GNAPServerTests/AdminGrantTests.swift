import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

@Suite("Admin API: grants")
struct AdminGrantTests {
    @Test func grantsAreListedWithFiltersAndCursorPagination() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            var ids: [String] = []
            for _ in 0..<5 {
                let instance = TestClientInstance()
                let started = try await client.startGrant(try instance.request(), key: instance.key)
                ids.append(String(try #require(started.continue?.uri.split(separator: "/").last)))
                harness.clock.advance(by: .seconds(10))
            }
            let (issuedID, _) = try await harness.issuedGrant(client, approver: admin)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let path = "/admin/v1/grants?state=pending&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.call(.get, path, as: admin).decode(GrantList.self)
                #expect(page.grants.count <= 2)
                seen += page.grants.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            // Newest first, each exactly once, and the issued grant is not pending.
            #expect(seen == ids.reversed())
            // A grant whose tokens were delivered stays approved until the client cancels it (§5.3 may follow).
            let approved = try await client.call(.get, "/admin/v1/grants?state=approved", as: admin)
                .decode(GrantList.self)
            #expect(approved.grants.map(\.id) == [issuedID])
            let byAccount = try await client.call(.get, "/admin/v1/grants?account=admin", as: admin)
                .decode(GrantList.self)
            #expect(byAccount.grants.map(\.id) == [issuedID])
            // Age: the first three grants are at least 25 seconds old.
            let old = try await client.call(.get, "/admin/v1/grants?min_age=35&state=pending", as: admin)
                .decode(GrantList.self)
            #expect(old.grants.map(\.id) == Array(ids.prefix(2)).reversed())
            let client0 = try #require(try await harness.store.grant(id: ids[0])).instanceID
            let byClient = try await client.call(.get, "/admin/v1/grants?client=\(client0)", as: admin)
                .decode(GrantList.self)
            #expect(byClient.grants.map(\.id) == [ids[0]])
            let counts = try await client.call(.get, "/admin/v1/counts", as: admin).decode(GrantCounts.self)
            #expect(counts.byStatus["pending"] == 5 && counts.byStatus["approved"] == 1)
            #expect((counts.byStatus["finalized"] ?? 0) == 0 && counts.byOutcome.values.allSatisfy { $0 == 0 })
        }
    }

    @Test func anAdminDeniesAPendingGrantAndTheClientIsToldUserDenied() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let instance = TestClientInstance()
            let started = try await client.startGrant(try instance.request(), key: instance.key)
            let grantID = String(try #require(started.continue?.uri.split(separator: "/").last))
            let denied = try await client.call(
                .post, "/admin/v1/grants/\(grantID)/deny", json: ReasonRequest(reason: "unknown device in the lab"),
                as: admin)
            #expect(try denied.decode(GrantSummary.self).state == "denied")
            #expect(try denied.decode(GrantSummary.self).denialReason == "unknown device in the lab")
            let polled = try await client.poll(started, key: instance.key)
            #expect(polled.error?.code == .userDenied)
            let again = try await client.call(
                .post, "/admin/v1/grants/\(grantID)/deny", json: ReasonRequest(reason: "again"), as: admin)
            #expect(again.status == .conflict && again.error?.code == .alreadyDecided)
            let detail = try await client.call(.get, "/admin/v1/grants/\(grantID)", as: admin).decode(GrantDetail.self)
            #expect(detail.history.map(\.kind) == ["grant.created", "grant.denied", "grant.finalized"])
            #expect(detail.history[1].detail == "denied by an admin: unknown device in the lab")
            #expect(detail.history[1].actor == "device:\(admin.key.keyID!)")
        }
    }

    @Test func revokingAnApprovedGrantStopsItsTokensAtOnce() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let (grantID, response) = try await harness.issuedGrant(client, approver: admin)
            let token = try #require(response.accessToken?.tokens.first)
            #expect(
                try await harness.store.accessToken(hash: Secrets.hash(token.value))?.isActive(at: harness.clock.now)
                    == true)
            let revoked = try await client.call(
                .post, "/admin/v1/grants/\(grantID)/revoke", json: ReasonRequest(reason: "laptop stolen"), as: admin)
            #expect(revoked.status == .ok)
            let stored = try #require(try await harness.store.accessToken(hash: Secrets.hash(token.value)))
            #expect(stored.revokedAt == harness.clock.now && !stored.isActive(at: harness.clock.now))
            let detail = try await client.call(.get, "/admin/v1/grants/\(grantID)", as: admin).decode(GrantDetail.self)
            #expect(detail.tokens.allSatisfy { $0.revokedAt != nil })
            #expect(detail.history.map(\.kind).suffix(2) == ["grant.revoked", "token.revoked"])
            #expect(detail.grant.state == "finalized")
            #expect(detail.approval?.rights == ["0.0"])
            let pending = try await client.call(
                .post, "/admin/v1/grants/nope/revoke", json: ReasonRequest(reason: "x"), as: admin)
            #expect(pending.status == .notFound)
        }
    }

    @Test func anApproverListsTheirDecisionsAndActiveGrantsAndRevokesOne() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let bob = try await harness.enroll(client, username: "bob")
            let carol = try await harness.enroll(client, username: "carol")
            let (first, _) = try await harness.issuedGrant(client, approver: bob)
            let (second, _) = try await harness.issuedGrant(client, approver: bob)
            let instance = TestClientInstance()
            let started = try await client.startGrant(try instance.request(), key: instance.key)
            let review = try await client.enterCode(of: started, as: bob)
            _ = try await client.call(
                .post, "/interact/v1/grants/\(review.grantID)/deny", json: DenialRequest(reason: "not me"), as: bob)
            let decisions = try await client.call(.get, "/interact/v1/decisions", as: bob).decode(GrantList.self)
            #expect(Set(decisions.grants.map(\.id)) == [first, second, review.grantID])
            let active = try await client.call(.get, "/interact/v1/grants", as: bob).decode(GrantList.self)
            #expect(Set(active.grants.map(\.id)) == [first, second])
            #expect(try await client.call(.get, "/interact/v1/grants", as: carol).decode(GrantList.self).grants.isEmpty)
            let stranger = try await client.call(
                .post, "/interact/v1/grants/\(first)/revoke", json: ReasonRequest(reason: "x"), as: carol)
            #expect(stranger.status == .notFound)
            let revoked = try await client.call(
                .post, "/interact/v1/grants/\(first)/revoke", json: ReasonRequest(reason: "no longer needed"), as: bob)
            #expect(revoked.status == .ok)
            let after = try await client.call(.get, "/interact/v1/grants", as: bob).decode(GrantList.self)
            #expect(after.grants.map(\.id) == [second])
        }
    }

    @Test func twoApproversRacingOnOneCodeExactlyOneWins() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var approvers: [TestApprover] = []
            for index in 0..<6 { approvers.append(try await harness.enroll(client, username: "racer\(index)")) }
            let instance = TestClientInstance()
            let started = try await client.startGrant(try instance.request(), key: instance.key)
            let code = try #require(started.interact?.userCode)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for approver in approvers {
                    group.addTask {
                        try await client.send(
                            .post, "/interact/v1/code", json: CodeEntryRequest(userCode: code), key: approver.key,
                            profile: .approverAPI
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == approvers.count - 1)
            let entered = try await harness.store.auditEntries(AuditQuery(kind: "code.entered"))
            #expect(entered.count == 1)
        }
    }
}
