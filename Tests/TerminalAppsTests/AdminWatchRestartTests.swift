import GNAP
import TerminalApps
import TerminalUI
import Testing

/// A restarted admin view reads the recent decisions back from the audit log: the rows it showed before are there
/// again, revocations and expiries included; and new requests ring the bell only when asked and only once.
@Suite("Admin watch: restart and bell")
struct AdminWatchRestartTests {
    let app = AdminFixtures.app

    static let history = [
        AdminFixtures.entry(40, "grant.approved", grant: "g-cal", account: "acct-alice", secondsAgo: 300),
        AdminFixtures.entry(41, "tokens.issued", grant: "g-cal", secondsAgo: 299),
        AdminFixtures.entry(
            42, "grant.denied", grant: "g-old", account: "acct-alice", detail: "denied: not ours", secondsAgo: 200),
        AdminFixtures.entry(
            43, "grant.revoked", grant: "g-cal", account: "acct-alice", detail: "lost", secondsAgo: 100),
        AdminFixtures.entry(44, "grant.expired", grant: "g-late", detail: "the interaction expired", secondsAgo: 50),
        AdminFixtures.entry(45, "grant.cancelled", grant: "g-gone", secondsAgo: 10),
    ]

    @Test func theDecisionsOfARunningViewComeBackAfterARestart() {
        var running = AdminFixtures.state()
        _ = app.update(&running, .events(.success(Self.history)))
        var snapshot = AdminFixtures.busy
        snapshot.recent = Self.history
        let restarted = AdminFixtures.state(snapshot)
        func rows(_ state: AdminWatchState) -> [String] {
            state.decisions.map { "\($0.grantID) \($0.outcome) \($0.at.unixMilliseconds) \($0.detail)" }
        }
        #expect(rows(restarted) == rows(running))
        #expect(restarted.decisions.map(\.outcome) == ["cancelled", "expired", "revoked", "denied", "approved"])
        // The revoked grant's approval is superseded: nothing to revoke there any more.
        #expect(restarted.events.map(\.id) == Array(40...45))
    }

    @Test func aListedDecisionOlderThanTheLogIsKeptOnce() {
        var snapshot = AdminFixtures.busy
        snapshot.recent = Self.history
        var older = AdminFixtures.summary("g-ancient", client: "Old Kiosk", state: "approved", ageSeconds: 4000)
        older.decidedAt = Fixtures.now.advanced(by: .seconds(-3900)).iso8601
        var cal = AdminFixtures.summary("g-cal", client: "Calendar Sync", state: "finalized", ageSeconds: 400)
        cal.decidedAt = Fixtures.now.advanced(by: .seconds(-300)).iso8601
        snapshot.decided = [older, cal]
        let state = AdminFixtures.state(snapshot)
        #expect(state.decisions.filter { $0.grantID == "g-cal" }.count == 2)
        #expect(state.decisions.last?.grantID == "g-ancient" && state.decisions.last?.client == "Old Kiosk")
        #expect(state.decisions.first { $0.grantID == "g-cal" }?.client == "Calendar Sync")
    }

    @Test func aNewRequestRingsTheBellOnlyWhenAskedAndOncePerBatch() {
        let ringing = AdminWatchApp(identity: "alice @ http://127.0.0.1:8080", timeZone: Fixtures.utc, bell: true)
        var state = AdminFixtures.state()
        let batch = [
            AdminFixtures.entry(50, "grant.created", grant: "g-a"),
            AdminFixtures.entry(51, "grant.created", grant: "g-b"),
        ]
        #expect(ringing.update(&state, .events(.success(batch))).filter { $0 == .ringBell }.count == 1)
        // A replay after a reconnection brings nothing new: no bell.
        #expect(!ringing.update(&state, .events(.success(batch))).contains(.ringBell))
        var quiet = AdminFixtures.state()
        #expect(!app.update(&quiet, .events(.success(batch))).contains(.ringBell))
    }
}

extension AdminWatchRestartTests {
    /// The stream breaks before any entry arrived: the view resumes after the newest entry the snapshot counted, not
    /// "from the newest" again, which would lose what was written meanwhile.
    @Test func aReconnectionBeforeAnyEntryResumesWhereTheSnapshotWas() {
        var snapshot = AdminFixtures.busy
        snapshot.counts.latestEventID = 77
        var state = AdminFixtures.state(snapshot)
        #expect(state.lastEventID == nil)
        let effects = app.update(&state, .events(.failure(AdminWatchFailure("the AS ended the event stream"))))
        #expect(effects == [.connect(after: 77, snapshot: false, delay: ConnectionState.backoff(attempt: 1))])
    }
}
