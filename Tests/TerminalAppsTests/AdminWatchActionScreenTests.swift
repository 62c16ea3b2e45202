import GNAP
import TerminalApps
import TerminalUI
import TerminalUITestSupport
import Testing

/// Golden screens of what the admin view offers and says: messages wrap instead of being cut, actions appear only
/// where they can succeed, confirmations read like the approver's, and the event log.
@Suite("Admin watch screens: messages and actions")
struct AdminWatchActionScreenTests {
    let app = AdminFixtures.app

    func command(_ key: Key, _ state: AdminWatchState) -> AdminViewCommand? {
        if case .command(let command) = app.message(for: key, in: state) { return command }
        return nil
    }

    /// The smallest size the view runs at, with the long reason a refused connection gives: the header keeps the
    /// whole address, the banner wraps the reason with its port.
    @Test func aLongDisconnectionReasonWrapsAtTheSmallestSize() {
        var state = AdminFixtures.state(size: Size(width: 72, height: 16))
        _ = app.update(
            &state,
            .events(
                .failure(
                    AdminWatchFailure(
                        "cannot reach the authorization server: connection refused (http://127.0.0.1:1808); is the "
                            + "AS running at that address?"))))
        let screen = AdminFixtures.screen(state)
        #expect(screen.contains("http://127.0.0.1:8080"))
        #expect(screen.contains("(http://127.0.0.1:1808)"))
        assertSnapshot(screen, named: "admin-disconnected-72x16")
    }

    /// The AS no longer accepts the key: the header stops saying "live" and the banner says what to do.
    @Test func aRevokedKeyStopsTheViewWithWhatToDo() {
        var state = AdminFixtures.state()
        _ = app.update(
            &state,
            .grantLoaded(
                id: "g-tv", asOf: 1,
                .failure(
                    AdminWatchFailure(
                        "the AS no longer accepts this terminal's device key (it was revoked, or replaced from "
                            + "another home); enroll again: gnapterm approve --as http://127.0.0.1:8080 --enroll CODE",
                        isRefusal: true, endsSession: true))))
        let screen = AdminFixtures.screen(state)
        #expect(!screen.contains("● live"))
        assertSnapshot(screen, named: "admin-stopped")
    }

    /// A denied grant on the decisions tab: no revoke in the footer (nor in the keymap); an approved one has it.
    @Test func revokeIsOfferedOnlyForAnApprovedGrant() {
        var state = AdminFixtures.state()
        _ = app.update(
            &state,
            .events(
                .success([
                    AdminFixtures.entry(70, "grant.approved", grant: "g-photo", account: "acct-alice", secondsAgo: 40),
                    AdminFixtures.entry(
                        71, "grant.denied", grant: "g-kiosk", account: "acct-alice", detail: "denied: not ours",
                        secondsAgo: 20),
                ])))
        _ = app.update(&state, .command(.tab(.decisions)))
        #expect(state.decisions.first?.outcome == "denied")
        #expect(!state.canRevoke)
        #expect(app.message(for: .character("r"), in: state) == nil)
        assertSnapshot(AdminFixtures.screen(state), named: "admin-decisions-denied-selected")
        _ = app.update(&state, .command(.down))
        #expect(state.canRevoke)
        #expect(AdminFixtures.screen(state).contains("r revoke"))
    }

    /// A failure is said in full (wrapped above the footer when it is long), and gone on the next tab.
    @Test func aLongFailureWrapsAndDoesNotFollowToTheNextTab() {
        var state = AdminFixtures.state()
        _ = app.update(
            &state,
            .grantActionDone(
                .deny, grantID: "g-tv",
                .failure(
                    AdminWatchFailure(
                        "the authorization server refused (409 already_decided): this request was decided already; "
                            + "nothing changed"))))
        assertSnapshot(AdminFixtures.screen(state), named: "admin-failure-wrapped")
        _ = app.update(&state, .command(.tab(.decisions)))
        #expect(state.notice == nil)
        #expect(!AdminFixtures.screen(state).contains("already_decided"))
    }

    /// At 120 columns the MODE column holds a device's usual pair of start modes.
    @Test func theModeColumnFitsAt120Columns() {
        var snapshot = AdminFixtures.busy
        snapshot.pending[2] = AdminFixtures.summary(
            "g-tv", client: "Living-room TV", ageSeconds: 580, rights: ["profile.read"],
            modes: ["user_code", "user_code_uri"])
        let state = AdminFixtures.state(snapshot, size: Size(width: 120, height: 24))
        let screen = AdminFixtures.screen(state)
        #expect(screen.contains("code,code-uri"))
        assertSnapshot(screen, named: "admin-busy-120x24")
        // Narrower, the short names keep both modes visible.
        #expect(AdminFixtures.screen(AdminFixtures.state(snapshot)).contains("code,uri"))
    }

    /// The confirmation of a revocation: the approver's wording and keys.
    @Test func theRevokeConfirmationReadsLikeTheApprovers() {
        var state = AdminFixtures.state()
        _ = app.update(
            &state,
            .events(.success([AdminFixtures.entry(70, "grant.approved", grant: "g-photo", account: "acct-alice")])))
        _ = app.update(&state, .command(.tab(.decisions)))
        _ = app.update(&state, .command(.revoke))
        for character in "lost laptop" { _ = app.update(&state, .edit(.character(character))) }
        _ = app.update(&state, .command(.confirm))
        #expect(command(.enter, state) == .confirm && command(.character("y"), state) == .confirm)
        #expect(command(.escape, state) == .cancel && command(.character("n"), state) == .cancel)
        assertSnapshot(AdminFixtures.screen(state), named: "admin-revoke-confirm")
        #expect(
            app.update(&state, .command(.confirm)) == [.grantAction(.revoke, grantID: "g-photo", reason: "lost laptop")]
        )
    }

    /// The event log: the raw audit stream, newest first, filtered as the admin types.
    @Test func theEventLogShowsTheAuditStreamFiltered() {
        var state = AdminFixtures.state()
        _ = app.update(
            &state,
            .events(
                .success([
                    AdminFixtures.entry(
                        70, "grant.created", grant: "g-new", detail: "client ci-1 asked for 1 token(s)"),
                    AdminFixtures.entry(
                        71, "code.entered", grant: "g-new", account: "acct-alice",
                        detail: "user code entered on device dev-1"),
                    AdminFixtures.entry(
                        72, "account.created", grant: nil, account: "acct-bob", detail: "account 'bob' (user) created"),
                ])))
        _ = app.update(&state, .command(.tab(.events)))
        assertSnapshot(AdminFixtures.screen(state), named: "admin-events")
        _ = app.update(&state, .command(.filter))
        for character in "code" { _ = app.update(&state, .edit(.character(character))) }
        _ = app.update(&state, .command(.confirm))
        #expect(state.shownEvents.map(\.id) == [71])
        assertSnapshot(AdminFixtures.screen(state), named: "admin-events-filtered")
        #expect(app.update(&state, .command(.open)) == [.loadDetail(id: "g-new")])
    }

    /// The last enabled admin cannot be disabled, so the footer does not offer it.
    @Test func theLastAdminIsNotOfferedForDisabling() {
        var state = AdminFixtures.state()
        _ = app.update(&state, .command(.tab(.accounts)))
        #expect(!state.canToggleAccount)
        #expect(app.message(for: .character("d"), in: state) == nil)
        assertSnapshot(AdminFixtures.screen(state), named: "admin-accounts-last-admin")
    }
}
