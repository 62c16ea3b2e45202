import GNAP
import Testing

/// The changes that come from outside the interaction (an admin's denial, a withdrawn approval, expiry) are events of
/// the same state machine as every other change.
@Suite("Grant state machine: administrative events and expiry")
struct GrantLifecycleAdministrationTests {
    let clock = ManualClock()
    let alice = ApproverRef(accountID: "alice", deviceID: "d1")
    let admin = ApproverRef(accountID: "admin", deviceID: "d0")
    let selection = ApprovalSelection(rights: [[0]], subjectFormats: [])

    func start() -> GrantLifecycle<ManualClock> {
        .start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5)
    }

    @Test func anAdminDeniesAPendingGrantOnce() {
        var grant = start()
        #expect(grant.event(.adminDeny(by: admin, reason: "spam")) == .denied)
        #expect(grant.state.denial?.approver == admin && grant.state.denial?.reason == "spam")
        #expect(grant.event(.adminDeny(by: admin, reason: "again")) == .refuse(.alreadyDecided))
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall).errorCode == .userDenied)
        var late = start()
        clock.advance(by: .seconds(600))
        #expect(late.event(.adminDeny(by: admin, reason: "too late")) == .refuse(.expired))
    }

    @Test func revokingBeforeDeliveryDeniesAndAfterDeliveryRevokesTheTokens() {
        var undelivered = start()
        #expect(undelivered.event(.revokeApproval(by: admin, reason: "r")) == .refuse(.codeNotEntered))
        _ = undelivered.event(.codeEntered(by: alice))
        _ = undelivered.event(.approve(by: alice, selection: selection))
        #expect(undelivered.event(.revokeApproval(by: admin, reason: "r")) == .denied)
        #expect(undelivered.state.status == .denied)

        var delivered = start()
        _ = delivered.event(.codeEntered(by: alice))
        _ = delivered.event(.approve(by: alice, selection: selection))
        clock.advance(by: .seconds(5))
        #expect(delivered.event(.continuationCall) == .issueTokens(selection))
        #expect(delivered.event(.revokeApproval(by: alice, reason: "lost")) == .revokeTokens)
        #expect(delivered.state.status == .finalized && delivered.state.outcome == .issued)
        // An issued grant can be revoked again (its tokens once more); anything else is decided.
        #expect(delivered.event(.revokeApproval(by: admin, reason: "again")) == .revokeTokens)
        var denied = start()
        _ = denied.event(.adminDeny(by: admin, reason: "no"))
        #expect(denied.event(.revokeApproval(by: admin, reason: "r")) == .refuse(.alreadyDecided))
    }

    @Test func expiryMarksOnlyADuePendingGrant() {
        var grant = start()
        #expect(grant.event(.expireInteraction) == .unchanged)
        clock.advance(by: .seconds(600))
        #expect(grant.event(.expireInteraction) == .interactionExpired)
        #expect(grant.state.outcome == .expired && grant.state.status == .pending)
        #expect(grant.event(.expireInteraction) == .unchanged)
        #expect(grant.event(.codeEntered(by: alice)) == .refuse(.expired))
        var decided = start()
        _ = decided.event(.adminDeny(by: admin, reason: "no"))
        clock.advance(by: .seconds(600))
        #expect(decided.event(.expireInteraction) == .unchanged)
    }
}
