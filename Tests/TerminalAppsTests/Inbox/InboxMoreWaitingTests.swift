import GNAP
import GNAPClient
import TerminalApps
import TerminalSession
import TerminalUI
import Testing

/// More requests wait than the approver listed (the AS said `truncated` after the last page the terminal read): the
/// pane says so, the count in the header shows it, and a decision that makes room loads the inbox again.
@Suite struct InboxMoreWaitingTests {
    let app = ApproverApp(identity: Fixtures.identity, timeZone: Fixtures.utc)
    static let size = Size(width: 120, height: 40)

    func loaded(_ snapshot: InboxSnapshot) -> ApproverState {
        var state = ApproverState(now: Fixtures.now, size: Self.size, hint: nil)
        _ = InboxOptions(watch: true).prepare(&state)
        #expect(app.update(&state, .inbox(.connected(.success(snapshot)))) == [.inbox(.nextEvents)])
        return state
    }

    @Test func aTruncatedInboxSaysMoreAreWaitingAndReloadsWhenOneLeaves() {
        var snapshot = InboxFixtures.snapshot
        snapshot.truncated = true
        snapshot.nextCursor = "MTc2NzI2ODgwMDAwMHxnLWJvdA"
        var state = loaded(snapshot)
        #expect(state.inbox.moreWaiting)
        #expect(state.inbox.badge == "Inbox 2+")
        let screen = VirtualTerminal.renderText(app.view(state, size: Self.size))
        #expect(screen.contains("More requests are waiting than listed here — decide some to see the rest"))
        #expect(screen.contains("live · more than 2 waiting"))
        // A new arrival alone keeps the stream going.
        var newer = InboxFixtures.bot
        newer.grantID = "g-new"
        newer.requestedAt = Fixtures.now
        let arrival = app.update(
            &state, .inbox(.events(.success([InboxStreamEvent(id: 42, event: .request(newer))]))))
        #expect(arrival.last == .inbox(.nextEvents))
        // One decided elsewhere makes room: the inbox is loaded again, from its first page.
        let removal = InboxRemoval(grantID: "g-bot", outcome: "approved", deviceID: "d-phone", deviceName: "phone")
        let effects = app.update(
            &state, .inbox(.events(.success([InboxStreamEvent(id: 43, event: .removed(removal))]))))
        #expect(effects == [.inbox(.connect(after: nil, delay: .zero))])
        // The reload lists everything now: the line goes.
        #expect(app.update(&state, .inbox(.connected(.success(InboxFixtures.snapshot)))) == [.inbox(.nextEvents)])
        #expect(!state.inbox.moreWaiting && state.inbox.badge == "Inbox 2")
        let after = VirtualTerminal.renderText(app.view(state, size: Self.size))
        #expect(!after.contains("More requests are waiting"))
    }

    @Test func aCompleteInboxDoesNotReloadOnADecision() {
        var state = loaded(InboxFixtures.snapshot)
        let removal = InboxRemoval(grantID: "g-bot", outcome: "approved", deviceID: "d-phone", deviceName: "phone")
        let effects = app.update(
            &state, .inbox(.events(.success([InboxStreamEvent(id: 43, event: .removed(removal))]))))
        #expect(effects == [.inbox(.nextEvents)])
    }
}
