import GNAP
import TerminalApps
import TerminalUI
import Testing

@Suite("Admin watch model")
struct AdminWatchModelTests {
    let app = AdminFixtures.app

    /// The command a key gives in `state`, if any.
    func command(_ key: Key, _ state: AdminWatchState) -> AdminViewCommand? {
        if case .command(let command) = app.message(for: key, in: state) { return command }
        return nil
    }

    @Test func eventsAddUpdateAndRemoveRows() {
        var state = AdminFixtures.state()
        let effects = app.update(
            &state,
            .events(
                .success([
                    AdminFixtures.entry(10, "grant.created", grant: "g-new"),
                    AdminFixtures.entry(11, "code.entered", grant: "g-tv", account: "acct-alice"),
                    AdminFixtures.entry(
                        12, "grant.denied", grant: "g-kiosk", account: "acct-alice", detail: "denied: no"),
                ])))
        #expect(effects == [.fetchGrant(id: "g-new", asOf: 10), .nextEvents])
        #expect(state.table.count == 3)
        #expect(state.table["g-new"]?.isLoaded == false)
        #expect(state.table["g-tv"]?.codeEntered == true && state.table["g-tv"]?.approverAccountID == "acct-alice")
        #expect(state.table["g-kiosk"] == nil)
        #expect(state.decisions.first?.outcome == "denied" && state.decisions.first?.client == "Lobby Kiosk")
        #expect(state.counts["denied"] == 5)
        #expect(state.recentDecisionTimes.count == 1)
        #expect(state.lastEventID == 12)
        _ = app.update(
            &state, .grantLoaded(id: "g-new", asOf: 10, .success(AdminFixtures.summary("g-new", client: "CI runner"))))
        #expect(state.table["g-new"]?.client == "CI runner" && state.table["g-new"]?.isLoaded == true)
    }

    /// After a reconnection the AS replays from `Last-Event-ID`; if an overlap arrives anyway, it changes nothing.
    @Test func replayedEventsAreNotAppliedTwice() {
        var state = AdminFixtures.state()
        let batch = [
            AdminFixtures.entry(20, "grant.created", grant: "g-a"),
            AdminFixtures.entry(21, "grant.approved", grant: "g-photo", account: "acct-alice"),
        ]
        _ = app.update(&state, .events(.success(batch)))
        let decisions = state.decisions.count
        let approved = state.counts["approved"]
        _ = app.update(&state, .events(.failure(AdminWatchFailure("connection reset"))))
        _ = app.update(&state, .connected(.success(nil)))
        let effects = app.update(
            &state, .events(.success(batch + [AdminFixtures.entry(22, "grant.created", grant: "g-b")])))
        #expect(effects == [.fetchGrant(id: "g-b", asOf: 22), .nextEvents])
        #expect(state.decisions.count == decisions && state.counts["approved"] == approved)
        #expect(state.table.order.filter { $0 == "g-a" }.count == 1)
        #expect(state.table.count == 4)
    }

    @Test func reconnectsWithCappedBackoffAndResumesAfterTheLastEvent() {
        var state = AdminFixtures.state()
        _ = app.update(&state, .events(.success([AdminFixtures.entry(30, "tokens.issued", grant: nil)])))
        var delays: [Duration] = []
        for _ in 1...9 {
            let effects = app.update(&state, .events(.failure(AdminWatchFailure("connection refused"))))
            guard case .connect(let after, let snapshot, let delay) = effects.first else {
                Issue.record("no reconnection")
                return
            }
            #expect(after == 30 && !snapshot)
            delays.append(delay)
            _ = app.update(&state, .connected(.failure(AdminWatchFailure("connection refused"))))
        }
        // Each failed attempt doubles the delay (0.5 s, 1 s, 2 s, …) up to 30 s.
        #expect(delays.first == .milliseconds(1000) || delays.first == .milliseconds(500))
        #expect(delays.allSatisfy { $0 <= .seconds(30) } && delays.last == .seconds(30))
        guard case .reconnecting(let attempt, _, let reason) = state.connection else {
            Issue.record("not reconnecting: \(state.connection)")
            return
        }
        #expect(attempt > 9 && reason == "connection refused")
        #expect(app.update(&state, .connected(.success(nil))) == [.nextEvents])
        guard case .live = state.connection else {
            Issue.record("not live")
            return
        }
        // A refusal stops the attempts.
        #expect(app.update(&state, .events(.failure(AdminWatchFailure("not an admin", isRefusal: true)))).isEmpty)
        #expect(state.connection == .refused("not an admin"))
    }

    @Test func backoffDoublesToACap() {
        #expect(
            (1...8).map(ConnectionState.backoff) == [
                .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30),
                .seconds(30),
            ])
    }

    /// A summary fetched before a denial must not bring the grant back when it arrives after it.
    @Test func aStaleSummaryDoesNotResurrectADecidedGrant() {
        var state = AdminFixtures.state()
        _ = app.update(&state, .events(.success([AdminFixtures.entry(40, "grant.created", grant: "g-x")])))
        _ = app.update(&state, .events(.success([AdminFixtures.entry(41, "grant.denied", grant: "g-x")])))
        _ = app.update(&state, .grantLoaded(id: "g-x", asOf: 40, .success(AdminFixtures.summary("g-x"))))
        #expect(state.table["g-x"] == nil)
        #expect(state.fetching.isEmpty && state.retired.isEmpty)
        // And one fetched before a code entry is asked again rather than overwriting newer facts.
        _ = app.update(&state, .events(.success([AdminFixtures.entry(42, "grant.created", grant: "g-y")])))
        _ = app.update(&state, .events(.success([AdminFixtures.entry(43, "code.entered", grant: "g-y")])))
        let again = app.update(&state, .grantLoaded(id: "g-y", asOf: 42, .success(AdminFixtures.summary("g-y"))))
        #expect(again == [.fetchGrant(id: "g-y", asOf: 43)])
    }

    @Test func sortingCyclesColumnsAndReverses() {
        var state = AdminFixtures.state()
        #expect(state.table.order == ["g-tv", "g-photo", "g-kiosk"])  // oldest first
        _ = app.update(&state, .command(.reverse))
        #expect(state.table.order == ["g-kiosk", "g-photo", "g-tv"])
        _ = app.update(&state, .command(.reverse))
        _ = app.update(&state, .command(.sort))  // expires: soonest first
        #expect(state.table.sort.column == .expires && state.table.order == ["g-tv", "g-photo", "g-kiosk"])
        _ = app.update(&state, .command(.sort))  // client A→Z
        #expect(state.table.order == ["g-tv", "g-kiosk", "g-photo"])
        _ = app.update(&state, .command(.sort))  // approver: none first, then by username
        #expect(state.table.sort.column == .approver && state.table.order.last == "g-photo")
        // Live inserts keep the order.
        _ = app.update(&state, .command(.sort))
        _ = app.update(&state, .events(.success([AdminFixtures.entry(50, "grant.created", grant: "g-z")])))
        _ = app.update(
            &state, .grantLoaded(id: "g-z", asOf: 50, .success(AdminFixtures.summary("g-z", ageSeconds: 300))))
        #expect(state.table.order == ["g-tv", "g-z", "g-photo", "g-kiosk"])
    }

    @Test func slashFiltersAsYouTypeAndEscapeClears() {
        var state = AdminFixtures.state()
        #expect(command(.character("/"), state) == .filter)
        _ = app.update(&state, .command(.filter))
        for character in "PRINT" { _ = app.update(&state, .edit(.character(character))) }
        #expect(state.table.order == ["g-photo", "g-kiosk"])  // "Photo Printer", and "printer: print"
        _ = app.update(&state, .command(.confirm))
        #expect(!state.isEditingFilter && state.table.filter == "PRINT")
        // Matches the approver's username too.
        _ = app.update(&state, .command(.filter))
        for _ in 0..<5 { _ = app.update(&state, .edit(.backspace)) }
        for character in "alice" { _ = app.update(&state, .edit(.character(character))) }
        #expect(state.table.order == ["g-photo"])
        _ = app.update(&state, .command(.confirm))
        _ = app.update(&state, .command(.close))
        #expect(state.table.filter.isEmpty && state.table.order.count == 3)
    }

    @Test func denyAsksForAReasonThenConfirmation() {
        var state = AdminFixtures.state()
        _ = app.update(&state, .command(.deny))
        guard case .reason(.deny, "g-tv", "Living-room TV", _) = state.dialog else {
            Issue.record("no reason dialog: \(String(describing: state.dialog))")
            return
        }
        #expect(app.update(&state, .command(.confirm)).isEmpty)  // a reason is required
        #expect(state.notice?.isError == true)
        for character in "unknown device" { _ = app.update(&state, .edit(.character(character))) }
        #expect(app.update(&state, .command(.confirm)).isEmpty)
        #expect(
            state.dialog == .confirmGrant(.deny, grantID: "g-tv", client: "Living-room TV", reason: "unknown device"))
        #expect(command(.character("y"), state) == .confirm)
        #expect(
            app.update(&state, .command(.confirm)) == [
                .grantAction(.deny, grantID: "g-tv", reason: "unknown device")
            ])
        let denied = AdminFixtures.summary("g-tv", client: "Living-room TV", state: "denied")
        _ = app.update(&state, .grantActionDone(.deny, grantID: "g-tv", .success(denied)))
        #expect(state.notice?.text == "Denied Living-room TV (g-tv).")
        _ = app.update(
            &state,
            .events(
                .success([
                    AdminFixtures.entry(
                        80, "grant.denied", grant: "g-tv", account: "acct-alice",
                        detail: "denied by an admin: unknown device")
                ])))
        #expect(state.table["g-tv"] == nil)
        #expect(state.decisions.first?.client == "Living-room TV" && state.decisions.first?.outcome == "denied")
        // n backs out of a confirmation without sending anything.
        _ = app.update(&state, .command(.deny))
        for character in "x" { _ = app.update(&state, .edit(.character(character))) }
        _ = app.update(&state, .command(.confirm))
        #expect(app.update(&state, .command(.cancel)).isEmpty && state.dialog == nil)
    }

    @Test func theSelectionFollowsItsGrantWhenRowsMove() {
        var state = AdminFixtures.state()
        _ = app.update(&state, .command(.down))
        #expect(state.selectedID == "g-photo" && state.selectedIndex == 1)
        _ = app.update(&state, .events(.success([AdminFixtures.entry(60, "grant.expired", grant: "g-tv")])))
        #expect(state.selectedID == "g-photo" && state.selectedIndex == 0)
        _ = app.update(&state, .events(.success([AdminFixtures.entry(61, "grant.approved", grant: "g-photo")])))
        #expect(state.selectedID == "g-kiosk")
    }

    @Test func accountsAndDevicesAreDisabledAndRevokedAfterAConfirmation() {
        var state = AdminFixtures.state()
        let bob = AdminFixtures.account("acct-bob", "bob")
        let device = AdminFixtures.device("dev-1", account: "acct-bob", name: "bob's laptop")
        _ = app.update(
            &state,
            .accountsLoaded(
                .success(
                    (
                        accounts: [AdminFixtures.account("acct-alice", "alice", role: .admin), bob],
                        devices: [AdminDevice(username: "bob", device: device)]
                    ))))
        #expect(app.update(&state, .command(.tab(.accounts))).isEmpty)
        _ = app.update(&state, .command(.down))
        #expect(command(.character("d"), state) == .disable)
        _ = app.update(&state, .command(.disable))
        #expect(state.dialog == .confirmAccount(.disable(username: "bob")))
        #expect(app.update(&state, .command(.confirm)) == [.accountAction(.disable(username: "bob"))])
        #expect(
            app.update(&state, .accountActionDone(.disable(username: "bob"), .success("Disabled account 'bob'.")))
                == [.loadAccounts])
        #expect(state.notice?.text == "Disabled account 'bob'.")
        _ = app.update(&state, .command(.tab(.devices)))
        _ = app.update(&state, .command(.revokeDevice))
        #expect(
            app.update(&state, .command(.confirm)) == [.accountAction(.revokeDevice(id: "dev-1", name: "bob's laptop"))]
        )
        // An account or device event makes the lists stale; on those tabs they are loaded again.
        let effects = app.update(
            &state, .events(.success([AdminFixtures.entry(90, "device.revoked", grant: nil, account: "acct-bob")])))
        #expect(effects == [.nextEvents, .loadAccounts])
    }

    @Test func theOpenDetailGainsNewHistoryLive() {
        var state = AdminFixtures.state()
        _ = app.update(&state, .command(.open))
        let detail = GrantDetail(
            grant: AdminFixtures.summary("g-tv"), requested: [], approval: nil, tokens: [],
            history: [AdminFixtures.entry(3, "grant.created", grant: "g-tv")])
        _ = app.update(&state, .detailLoaded(id: "g-tv", .success(detail)))
        _ = app.update(
            &state, .events(.success([AdminFixtures.entry(95, "code.entered", grant: "g-tv", account: "acct-alice")])))
        #expect(state.detail?.detail?.history.map(\.id) == [3, 95])
        #expect(app.update(&state, .command(.close)).isEmpty && state.detail == nil)
    }

    @Test func everyKeymapIsFreeOfDuplicates() {
        var state = AdminFixtures.state()
        for tab in AdminTab.allCases {
            state.tab = tab
            #expect(AdminWatchKeymaps.keymap(for: state).duplicateKeys.isEmpty, "\(tab)")
        }
    }
}
