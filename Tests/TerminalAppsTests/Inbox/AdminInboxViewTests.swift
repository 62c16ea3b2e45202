import Foundation
import GNAP
import TerminalApps
import TerminalUI
import Testing

/// The admin view of asynchronous requests (target user, inbox state, the terminals that received them) and of
/// grants approved by standing access (the `p` filter of the decisions tab).
@Suite struct AdminInboxViewTests {
    let app = AdminFixtures.app

    static func inboxSummary(state: String = "pending") -> GrantSummary {
        var object: [String: Any] = [
            "id": "g-async", "state": state, "instance_id": "release-bot", "client_name": "CI runner",
            "client_vetted": true, "created_at": Fixtures.now.advanced(by: .seconds(-60)).iso8601,
            "interaction_expires_at": Fixtures.now.advanced(by: .seconds(540)).iso8601, "rights": ["deploy: write"],
            "start_modes": [String](), "code_entered": false,
            "agent": "agent 'release-bot' (vetted, operator 'Example Ops')",
            "inbox": [
                "account_id": "acct-bob", "state": "seen", "repeats": 1,
                "terminals": [
                    [
                        "device_id": "dev-phone", "delivered_at": Fixtures.now.advanced(by: .seconds(-59)).iso8601,
                        "seen_at": Fixtures.now.advanced(by: .seconds(-30)).iso8601,
                    ],
                    ["device_id": "dev-laptop", "delivered_at": Fixtures.now.advanced(by: .seconds(-58)).iso8601],
                ],
            ],
        ]
        object["approver_account_id"] = nil
        return AdminFixtures.decode(object)
    }

    static func state() -> AdminWatchState {
        var state = AdminWatchState(now: Fixtures.now, size: Size(width: 120, height: 30))
        _ = AdminFixtures.app.update(
            &state,
            .connected(
                .success(
                    AdminSnapshot(
                        pending: [inboxSummary()], decided: [], counts: AdminFixtures.counts,
                        recent: [
                            AdminFixtures.entry(
                                7, "grant.policy_approved", grant: "g-policy",
                                detail: "approved by the operator's standing access for client backup-job"),
                            AdminFixtures.entry(9, "grant.approved", grant: "g-person", account: "acct-bob"),
                        ]))))
        _ = AdminFixtures.app.update(
            &state,
            .accountsLoaded(
                .success(
                    (
                        accounts: [AdminFixtures.account("acct-bob", "bob")],
                        devices: [
                            AdminDevice(
                                username: "bob",
                                device: AdminFixtures.device("dev-phone", account: "acct-bob", name: "bob's phone")),
                            AdminDevice(
                                username: "bob",
                                device: AdminFixtures.device("dev-laptop", account: "acct-bob", name: "bob's laptop")),
                        ]
                    ))))
        return state
    }

    @Test func anAsynchronousRequestShowsItsUserItsStateAndItsTerminals() {
        var state = Self.state()
        let row = state.table["g-async"]
        #expect(row?.modes.contains("inbox") == true)
        #expect(row?.approverAccountID == "acct-bob")
        _ = app.update(&state, .command(.open))
        _ = app.update(
            &state,
            .detailLoaded(
                id: "g-async",
                .success(
                    GrantDetail(
                        grant: Self.inboxSummary(), requested: [], approval: nil, tokens: [], history: []))))
        let screen = AdminFixtures.screen(state)
        #expect(screen.contains("for user   bob (asynchronous, in their inbox) · seen · asked 2 times"))
        #expect(screen.contains("terminal   bob's phone · delivered"))
        #expect(screen.contains("· seen"))
        #expect(screen.contains("terminal   bob's laptop · delivered"))
        #expect(screen.contains("agent      agent 'release-bot' (vetted, operator 'Example Ops')"))
    }

    @Test func thePolicyFilterShowsOnlyGrantsApprovedByStandingAccess() {
        var state = Self.state()
        _ = app.update(&state, .command(.tab(.decisions)))
        #expect(Set(state.visibleDecisions.map(\.grantID)) == ["g-policy", "g-person"])
        #expect(state.decisions.first { $0.grantID == "g-policy" }?.outcome == "policy")
        _ = app.update(&state, .command(.policyFilter))
        #expect(state.visibleDecisions.map(\.grantID) == ["g-policy"])
        #expect(!AdminFixtures.screen(state).contains("g-person"))
        _ = app.update(&state, .command(.policyFilter))
        #expect(state.visibleDecisions.count == 2)
    }

    @Test func theInboxStateComesFromTheLifecycleAndTheDeliveryLog() {
        var delivery = InboxDelivery(accountID: "a")
        var lifecycle = GrantLifecycleState.pendingForTests
        var view = InboxStatusView(delivery, lifecycle: lifecycle)
        #expect(view.state == "waiting")
        view.add([InboxDeliveryReceipt(grantID: "g", deviceID: "d1", deliveredAt: Fixtures.now)])
        #expect(view.state == "delivered" && view.terminals.map(\.deviceID) == ["d1"])
        delivery.seen = [InboxSighting(deviceID: "d1", at: Fixtures.now)]
        #expect(InboxStatusView(delivery, lifecycle: lifecycle).state == "seen")
        lifecycle.status = .approved
        #expect(InboxStatusView(delivery, lifecycle: lifecycle).state == "decided")
    }
}

extension GrantLifecycleState {
    /// A pending state, as a new grant has it.
    static var pendingForTests: GrantLifecycleState {
        GrantLifecycle.start(clock: ManualClock(), interactionLifetime: .seconds(600), waitSeconds: 5).state
    }
}
