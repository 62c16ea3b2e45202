import GNAP
import GNAPClient
import TerminalApps
import TerminalSession
import TerminalUI
import Testing

/// The inbox pane's model and update: the snapshot, live events (replays ignored), notifications, opening a request,
/// a request decided on another terminal, watch mode.
@Suite struct InboxUpdateTests {
    let app = ApproverApp(identity: Fixtures.identity, timeZone: Fixtures.utc)

    func watching() -> ApproverState {
        var state = ApproverState(now: Fixtures.now)
        let effects = InboxOptions(watch: true).prepare(&state)
        #expect(effects == [.inbox(.connect(after: nil, delay: .zero))])
        #expect(state.screen == .inbox)
        #expect(app.update(&state, .inbox(.connected(.success(InboxFixtures.snapshot)))) == [.inbox(.nextEvents)])
        return state
    }

    @Test func theSnapshotListsNewestFirstThenBlocksWithACountInTheHeader() {
        let state = watching()
        #expect(state.inbox.items.map(\.grantID) == ["g-bot", "g-script"])
        #expect(state.inbox.blocks == [InboxFixtures.block])
        #expect(state.inbox.badge == "Inbox 2")
        #expect(state.inbox.selectedItem?.grantID == "g-bot")
        #expect(state.inbox.lastEventID == 41)
        #expect(state.inbox.connection == .live)
    }

    @Test func anArrivalIsAddedAboveTheSelectionAndNotifies() {
        var state = watching()
        state.inbox.list.selection = 1
        #expect(state.inbox.selectedItem?.grantID == "g-script")
        var newer = InboxFixtures.bot
        newer.grantID = "g-new"
        newer.requestedAt = Fixtures.now
        let effects = app.update(
            &state, .inbox(.events(.success([InboxStreamEvent(id: 42, event: .request(newer))]))))
        #expect(state.inbox.items.map(\.grantID) == ["g-new", "g-bot", "g-script"])
        // The selection stays on the request it was on.
        #expect(state.inbox.selectedItem?.grantID == "g-script")
        #expect(
            effects == [
                .inbox(
                    .notify(
                        TerminalNotification(
                            title: "gnapterm", body: "release-bot via CI runner asks for deploy: write; logs: read"))),
                .inbox(.nextEvents),
            ])
        // A replay of an event already applied changes nothing and does not ring.
        var replayed = newer
        replayed.grantID = "g-replayed"
        let again = app.update(
            &state, .inbox(.events(.success([InboxStreamEvent(id: 42, event: .request(replayed))]))))
        #expect(again == [.inbox(.nextEvents)] && state.inbox.items.count == 3)
    }

    @Test func withNotificationsOffNothingRings() {
        var state = ApproverState(now: Fixtures.now)
        _ = InboxOptions(watch: true, notifies: false).prepare(&state)
        _ = app.update(&state, .inbox(.connected(.success(InboxFixtures.snapshot))))
        var newer = InboxFixtures.bot
        newer.grantID = "g-new"
        let effects = app.update(
            &state, .inbox(.events(.success([InboxStreamEvent(id: 50, event: .request(newer))]))))
        #expect(effects == [.inbox(.nextEvents)])
    }

    @Test func aRequestDecidedOnAnotherTerminalLeavesAndTheReviewSaysSo() {
        var state = watching()
        #expect(app.update(&state, .command(.openDetail)) == [.inbox(.open("g-bot"))])
        #expect(state.screen == .loading(.openingInteraction("g-bot")))
        _ = app.update(&state, .inbox(.opened("g-bot", .success(InboxFixtures.botReview))))
        #expect(state.screen == .review)
        let removal = InboxRemoval(grantID: "g-bot", outcome: "approved", deviceID: "d-phone", deviceName: "phone")
        _ = app.update(&state, .inbox(.events(.success([InboxStreamEvent(id: 43, event: .removed(removal))]))))
        #expect(state.inbox.items.map(\.grantID) == ["g-script"])
        #expect(state.review?.notice == "This request was approved on your terminal “phone”; it is no longer waiting.")
    }

    @Test func openingARequestAlreadyDecidedReturnsToTheInboxWithTheReason() {
        var state = watching()
        _ = app.update(&state, .command(.openDetail))
        let failure = ApproverFailure(code: "already_decided", message: "this request was already decided")
        _ = app.update(&state, .inbox(.opened("g-bot", .failure(failure))))
        #expect(state.screen == .inbox)
        #expect(state.inbox.noticeIsError && state.inbox.notice != nil)
        #expect(state.inbox.items.map(\.grantID) == ["g-script"])
    }

    @Test func liftingABlockAsksTheASAndSaysWhatHappened() {
        var state = watching()
        state.inbox.list.selection = 2
        #expect(state.inbox.selectedBlock?.instanceID == "spammer")
        #expect(app.update(&state, .command(.liftBlock)) == [.inbox(.liftBlock("spammer"))])
        _ = app.update(&state, .inbox(.blockLifted("spammer", .success([]))))
        #expect(state.inbox.blocks.isEmpty)
        #expect(state.inbox.notice == "Lifted: client spammer may ask you again.")
        #expect(state.inbox.list.selection == 1)
    }

    @Test func aBrokenStreamReconnectsWithBackoffAndARefusalStops() {
        var state = watching()
        let broken = ApproverFailure(code: nil, message: "connection reset")
        let first = app.update(&state, .inbox(.events(.failure(broken))))
        #expect(first == [.inbox(.connect(after: 41, delay: .seconds(1)))])
        let second = app.update(&state, .inbox(.connected(.failure(broken))))
        #expect(second == [.inbox(.connect(after: 41, delay: .seconds(2)))])
        let revoked = ApproverFailure(code: "unknown_device", message: "this device was revoked")
        #expect(app.update(&state, .inbox(.connected(.failure(revoked)))).isEmpty)
        guard case .unavailable = state.inbox.connection else {
            Issue.record("expected the inbox to be unavailable")
            return
        }
    }

    @Test func escapeLeavesTheInboxOnlyWhenNotWatching() {
        var watched = watching()
        _ = app.update(&watched, .command(.back))
        #expect(watched.screen == .inbox)
        var state = ApproverState(now: Fixtures.now)
        _ = InboxOptions().prepare(&state)
        #expect(state.screen == .codeEntry)
        _ = app.update(&state, .command(.showInbox))
        #expect(state.screen == .inbox)
        _ = app.update(&state, .command(.back))
        #expect(state.screen == .codeEntry)
    }
}
