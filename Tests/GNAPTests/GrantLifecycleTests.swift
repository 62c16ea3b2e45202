import GNAP
import Testing

@Suite("Grant state machine")
struct GrantLifecycleTests {
    let clock = ManualClock()
    let alice = ApproverRef(accountID: "alice", deviceID: "d1")
    let mallory = ApproverRef(accountID: "mallory", deviceID: "d9")
    let selection = ApprovalSelection(rights: [[0]], subjectFormats: [])

    func start() -> GrantLifecycle<ManualClock> {
        .start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5)
    }

    @Test func pollingHonoursWait() {
        var grant = start()
        clock.advance(by: .seconds(2))
        guard case .respondTooFast(let early, waitSeconds: 5) = grant.event(.continuationCall) else {
            Issue.record("a call before wait must be refused")
            return
        }
        #expect(early.code == .tooFast)
        #expect(early.errorDescription == "called 3 s too early; wait 5 seconds before the next call")
        // Being too fast restarts the wait.
        clock.advance(by: .seconds(3))
        #expect(grant.event(.continuationCall).errorCode == .tooFast)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .respondPending(waitSeconds: 5))
        // The next window starts from this answer.
        clock.advance(by: .seconds(4))
        #expect(grant.event(.continuationCall).errorCode == .tooFast)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .respondPending(waitSeconds: 5))
    }

    @Test func approvalIssuesExactlyTheSelectionOnce() {
        var grant = start()
        #expect(grant.event(.codeEntered(by: alice)) == .interactionBound)
        #expect(grant.event(.approve(by: alice, selection: selection)) == .approved)
        #expect(grant.state.status == .approved)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .issueTokens(selection))
        // The grant stays approved (with a continuation, for §5.3 and §5.4); the tokens are delivered only once.
        #expect(grant.state.status == .approved && grant.state.deliveredAt == clock.now)
        clock.advance(by: .seconds(2))
        #expect(grant.event(.continuationCall).errorCode == .tooFast)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .respondPending(waitSeconds: 5))
    }

    @Test func nothingReleasedFinalizesTheGrant() {
        var grant = start()
        _ = grant.event(.codeEntered(by: alice))
        _ = grant.event(.approve(by: alice, selection: selection))
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .issueTokens(selection))
        #expect(grant.event(.nothingReleased).errorCode == .requestDenied)
        #expect(grant.state.status == .finalized && grant.state.outcome == .denied)
        // A client whose answer was lost hears it once more, then the grant is finished.
        #expect(grant.event(.continuationCall).errorCode == .requestDenied)
        #expect(grant.event(.continuationCall).errorCode == .invalidContinuation)
    }

    @Test func denialIsDeliveredAsUserDenied() {
        var grant = start()
        _ = grant.event(.codeEntered(by: alice))
        #expect(grant.event(.deny(by: alice, reason: "not me")) == .denied)
        #expect(grant.state.denial?.reason == "not me")
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall).errorCode == .userDenied)
        #expect(grant.state.outcome == .denied)
    }

    @Test func expiryEndsTheGrantAndRefusesApprovers() {
        var grant = start()
        clock.advance(by: .seconds(600))
        #expect(grant.event(.codeEntered(by: alice)) == .refuse(.expired))
        #expect(grant.event(.continuationCall).errorCode == .invalidInteraction)
        #expect(grant.state.outcome == .expired)
        // Once finalized as expired, a late approver is still told "expired", not "already decided".
        #expect(grant.event(.codeEntered(by: alice)) == .refuse(.expired))
    }

    @Test func interactionBelongsToTheFirstApprover() {
        var grant = start()
        _ = grant.event(.codeEntered(by: alice))
        #expect(grant.event(.codeEntered(by: mallory)) == .refuse(.boundToAnotherApprover))
        #expect(grant.event(.approve(by: mallory, selection: selection)) == .refuse(.boundToAnotherApprover))
        #expect(grant.event(.deny(by: mallory, reason: "x")) == .refuse(.boundToAnotherApprover))
        // The same approver may look again.
        #expect(grant.event(.codeEntered(by: alice)) == .interactionBound)
    }

    @Test func decisionsNeedTheCodeAndSomethingToApprove() {
        var grant = start()
        #expect(grant.event(.approve(by: alice, selection: selection)) == .refuse(.codeNotEntered))
        _ = grant.event(.codeEntered(by: alice))
        #expect(
            grant.event(.approve(by: alice, selection: ApprovalSelection(rights: [[]], subjectFormats: [])))
                == .refuse(.nothingSelected))
        #expect(grant.event(.approve(by: alice, selection: selection)) == .approved)
        #expect(grant.event(.deny(by: alice, reason: "changed my mind")) == .refuse(.alreadyDecided))
    }

    @Test func stateSurvivesEncoding() throws {
        var grant = start()
        _ = grant.event(.codeEntered(by: alice))
        let data = try GNAPJSON.encode(grant.state)
        let restored = GrantLifecycle(state: try GNAPJSON.decode(GrantLifecycleState.self, from: data), clock: clock)
        #expect(restored.state == grant.state)
    }
}

extension GrantAction {
    var errorCode: GNAPError.Code? {
        switch self {
        case .respondError(let error), .respondTooFast(let error, _): error.code
        default: nil
        }
    }
}
