import GNAP
import Testing

@Suite("Grant state machine: start modes, finish and interaction references (RFC 9635 §4, §5.1)")
struct GrantLifecycleInteractionTests {
    let clock = ManualClock()
    let alice = ApproverRef(accountID: "alice", deviceID: "d1")
    let mallory = ApproverRef(accountID: "mallory", deviceID: "d9")
    let selection = ApprovalSelection(rights: [[0]], subjectFormats: [])

    func start(finish: Bool = true) -> GrantLifecycle<ManualClock> {
        .start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5, expectsInteractRef: finish)
    }

    /// A grant approved by alice whose interaction finished with `ref`.
    func approved(ref: String = "ref-1") -> GrantLifecycle<ManualClock> {
        var grant = start()
        _ = grant.event(.interactionOpened(by: alice))
        _ = grant.event(.approve(by: alice, selection: selection))
        #expect(grant.event(.interactionFinished(interactRef: ref)) == .interactionFinished)
        clock.advance(by: .seconds(5))
        return grant
    }

    @Test func theURLBindsToTheFirstApproverLikeACode() {
        var grant = start(finish: false)
        #expect(grant.event(.interactionOpened(by: alice)) == .interactionBound)
        #expect(grant.state.interactionChannel == .interactionURL)
        #expect(grant.event(.interactionOpened(by: alice)) == .interactionBound)
        #expect(grant.event(.interactionOpened(by: mallory)) == .refuse(.boundToAnotherApprover))
    }

    @Test func aCodeExcludesTheURLAndTheURLExcludesTheCode() {
        var byCode = start(finish: false)
        #expect(byCode.event(.codeEntered(by: alice)) == .interactionBound)
        #expect(byCode.event(.interactionOpened(by: alice)) == .refuse(.startedWithUserCode))
        #expect(byCode.event(.interactionOpened(by: mallory)) == .refuse(.boundToAnotherApprover))
        var byURL = start(finish: false)
        #expect(byURL.event(.interactionOpened(by: alice)) == .interactionBound)
        #expect(byURL.event(.codeEntered(by: alice)) == .refuse(.startedWithInteractionURL))
        #expect(byURL.state.interactionChannel == .interactionURL)
    }

    @Test func anInteractionReferenceIsRecordedOnlyOnceAndOnlyAfterADecision() {
        var grant = start()
        _ = grant.event(.codeEntered(by: alice))
        #expect(grant.event(.interactionFinished(interactRef: "early")) == .refuse(.alreadyDecided))
        _ = grant.event(.deny(by: alice, reason: "no"))
        #expect(grant.event(.interactionFinished(interactRef: "r")) == .interactionFinished)
        #expect(grant.state.finish?.interactRefHash == Secrets.hash("r"))
        #expect(grant.event(.interactionFinished(interactRef: "again")) == .refuse(.alreadyDecided))
        var withoutFinish = start(finish: false)
        _ = withoutFinish.event(.codeEntered(by: alice))
        _ = withoutFinish.event(.approve(by: alice, selection: selection))
        #expect(withoutFinish.event(.interactionFinished(interactRef: "r")) == .refuse(.alreadyDecided))
    }

    @Test func theRightReferenceIssuesTheTokensOnce() {
        var grant = approved()
        #expect(grant.event(.continuationCallWithInteractRef("ref-1")) == .issueTokens(selection))
        // The grant stays approved with its continuation (§5.3, §5.4); the reference is spent.
        #expect(grant.state.status == .approved && grant.state.deliveredAt == clock.now)
        #expect(grant.state.finish?.interactRefUsedAt == clock.now)
        // §5.1: used twice: too_many_attempts, and the grant ends.
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCallWithInteractRef("ref-1")).code == .tooManyAttempts)
        #expect(grant.event(.continuationCallWithInteractRef("other")).code == .tooManyAttempts)
    }

    @Test func aDenialIsDeliveredWithTheReference() {
        var grant = start()
        _ = grant.event(.codeEntered(by: alice))
        _ = grant.event(.deny(by: alice, reason: "no"))
        _ = grant.event(.interactionFinished(interactRef: "r"))
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCallWithInteractRef("r")).code == .userDenied)
        #expect(grant.state.outcome == .denied)
    }

    @Test func aWrongReferenceIsInvalidInteractionWithContinueUntilTheLimit() {
        var grant = approved()
        guard
            case .respondErrorContinuing(let error, waitSeconds: 5) = grant.event(
                .continuationCallWithInteractRef("wrong"))
        else {
            Issue.record("a wrong reference keeps the grant going")
            return
        }
        #expect(error.code == .invalidInteraction)
        #expect(grant.state.status == .approved)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCallWithInteractRef("wrong")).code == .invalidInteraction)
        clock.advance(by: .seconds(5))
        // The third wrong one ends the request.
        #expect(grant.event(.continuationCallWithInteractRef("wrong")).code == .tooManyAttempts)
        #expect(grant.state.status == .finalized && grant.state.outcome == .cancelled)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCallWithInteractRef("ref-1")).code == .tooManyAttempts)
    }

    @Test func aReferenceBeforeTheInteractionFinishedIsInvalid() {
        var grant = start()
        clock.advance(by: .seconds(5))
        let action = grant.event(.continuationCallWithInteractRef("guess"))
        #expect(action.code == .invalidInteraction)
        #expect(action.description.contains("has not finished"))
    }

    @Test func theReferenceHonoursWait() {
        var grant = start()
        _ = grant.event(.interactionOpened(by: alice))
        _ = grant.event(.approve(by: alice, selection: selection))
        _ = grant.event(.interactionFinished(interactRef: "r"))
        clock.advance(by: .seconds(1))
        #expect(grant.event(.continuationCallWithInteractRef("r")).code == .tooFast)
        // The reference was not spent by the early call.
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCallWithInteractRef("r")) == .issueTokens(selection))
    }

    @Test func pollingIsRefusedWhenAFinishMethodWasGiven() {
        var grant = approved()
        let action = grant.event(.continuationCall)
        #expect(action.code == .invalidInteraction)
        guard case .respondErrorContinuing = action else {
            Issue.record("the refusal keeps the grant going")
            return
        }
        #expect(grant.state.status == .approved)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCallWithInteractRef("ref-1")) == .issueTokens(selection))
    }

    @Test func anExpiredInteractionStillEndsAFinishGrant() {
        var grant = start()
        clock.advance(by: .seconds(601))
        #expect(grant.event(.continuationCall).code == .invalidInteraction)
        #expect(grant.state.outcome == .expired)
        var other = start()
        clock.advance(by: .seconds(601))
        #expect(other.event(.continuationCallWithInteractRef("x")).code == .invalidInteraction)
        #expect(other.state.outcome == .expired)
    }

    @Test func aReferenceForAGrantWithoutFinishIsInvalidInteraction() {
        var grant = start(finish: false)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCallWithInteractRef("x")).code == .invalidInteraction)
        #expect(grant.state.status == .pending)
    }
}

extension GrantAction {
    /// The error code of any answer that carries one.
    var code: GNAPError.Code? {
        switch self {
        case .respondError(let error), .respondTooFast(let error, _), .respondErrorContinuing(let error, _):
            error.code
        default: nil
        }
    }

    var description: String {
        switch self {
        case .respondError(let error), .respondTooFast(let error, _), .respondErrorContinuing(let error, _):
            error.errorDescription ?? ""
        default: "\(self)"
        }
    }
}
