import GNAP
import Testing

/// The call that ends a grant with an error may be answered once more: its client lost the answer and calls again
/// with the same continuation token (``FinalAnswer``).
@Suite("Grant state machine: the answer that ended the grant, repeated once")
struct GrantLifecycleFinalAnswerTests {
    let clock = ManualClock()
    let alice = ApproverRef(accountID: "alice", deviceID: "d1")
    let selection = ApprovalSelection(rights: [[0]], subjectFormats: [])

    func start(finish: Bool = false) -> GrantLifecycle<ManualClock> {
        .start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5, expectsInteractRef: finish)
    }

    func denied() -> GrantLifecycle<ManualClock> {
        var grant = start()
        _ = grant.event(.codeEntered(by: alice))
        _ = grant.event(.deny(by: alice, reason: "not me"))
        clock.advance(by: .seconds(5))
        return grant
    }

    @Test func aDenialIsToldAgainOnceThenTheGrantIsFinished() {
        var grant = denied()
        let told = grant.event(.continuationCall)
        #expect(told.errorCode == .userDenied)
        #expect(
            grant.state.finalAnswer
                == FinalAnswer(error: GNAPError(.userDenied, "the resource owner denied the request")))
        // The repeat comes at once, before any `wait`: it is told the same, not `too_fast`.
        #expect(grant.event(.continuationCall) == told)
        #expect(grant.state.finalAnswer?.repeatedAt == clock.now)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall).errorCode == .invalidContinuation)
        #expect(grant.state.status == .finalized && grant.state.outcome == .denied)
    }

    @Test func aRepeatedModificationOfADeniedGrantIsToldTheDenialAgain() {
        var grant = denied()
        let modification = GrantModification(
            currentTokens: [], tokens: [], subjectFormats: [], assertionFormats: [], canInteract: true,
            interactionLifetime: .seconds(600), expectsInteractRef: false)
        #expect(grant.event(.modify(modification)).errorCode == .userDenied)
        #expect(grant.event(.modify(modification)).errorCode == .userDenied)
        #expect(grant.event(.modify(modification)).errorCode == .invalidContinuation)
    }

    @Test func anExpiryIsToldAgainOnce() {
        var grant = start()
        clock.advance(by: .seconds(600))
        #expect(grant.event(.continuationCall).errorCode == .invalidInteraction)
        #expect(grant.event(.continuationCall).errorCode == .invalidInteraction)
        #expect(grant.event(.continuationCall).errorCode == .invalidContinuation)
    }

    @Test func aDenialDeliveredWithAnInteractionReferenceIsToldAgainOnce() {
        var grant = start(finish: true)
        _ = grant.event(.codeEntered(by: alice))
        _ = grant.event(.deny(by: alice, reason: "not me"))
        #expect(grant.event(.interactionFinished(interactRef: "ref-1")) == .interactionFinished)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCallWithInteractRef("ref-1")).errorCode == .userDenied)
        // The repeat presents the same (now spent) reference: it is told the denial, not `too_many_attempts`.
        #expect(grant.event(.continuationCallWithInteractRef("ref-1")).errorCode == .userDenied)
        // Then the spent reference is what §5.1 says it is.
        #expect(grant.event(.continuationCallWithInteractRef("ref-1")).errorCode == .tooManyAttempts)
    }

    /// A grant ended by someone else than the client's call (the approver revoked a delivered approval) was never
    /// answered to the client with an error: its next call is told the grant is finished, nothing is repeated.
    @Test func aGrantNotEndedByAClientCallHasNothingToRepeat() {
        var grant = start()
        _ = grant.event(.codeEntered(by: alice))
        _ = grant.event(.approve(by: alice, selection: selection))
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .issueTokens(selection))
        #expect(grant.event(.revokeApproval(by: alice, reason: "lost laptop")) == .revokeTokens)
        #expect(grant.state.finalAnswer == nil)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall).errorCode == .invalidContinuation)
    }

    /// Cancelling (§5.4) is the client's own end of the grant, answered without an error: a later call is refused.
    @Test func aCancelledGrantHasNothingToRepeat() {
        var grant = start()
        #expect(grant.event(.cancel) == .cancelled)
        #expect(grant.state.finalAnswer == nil)
        #expect(grant.event(.continuationCall).errorCode == .invalidContinuation)
        #expect(grant.event(.cancel).errorCode == .invalidContinuation)
    }
}
