import GNAP
import Testing

/// The state machine's side of grant modification (RFC 9635 §5.3) and cancellation (§5.4), driven by a manual clock.
@Suite("Grant modification and cancellation in the state machine")
struct GrantModificationTests {
    let clock = ManualClock()
    let alice = ApproverRef(accountID: "alice", deviceID: "d1")
    let aliceLaptop = ApproverRef(accountID: "alice", deviceID: "d2")
    let mallory = ApproverRef(accountID: "mallory", deviceID: "d9")
    let foo = AccessRight.reference("foo")
    let bar = AccessRight.reference("bar")

    func token(_ rights: AccessRight..., bearer: Bool = false) -> AccessTokenRequest {
        AccessTokenRequest(access: rights, flags: bearer ? ["bearer"] : nil)
    }

    func modification(
        from current: [AccessTokenRequest], to tokens: [AccessTokenRequest], subject: [String] = [],
        assertions: [String] = [], canInteract: Bool = true
    ) -> GrantEvent {
        .modify(
            GrantModification(
                currentTokens: current, tokens: tokens, subjectFormats: subject, assertionFormats: assertions,
                canInteract: canInteract, interactionLifetime: .seconds(300)))
    }

    /// A grant whose request `tokens` was approved in full (`rights` per token) by `approver` and delivered.
    func delivered(_ tokens: [AccessTokenRequest], subject: [String] = [], by approver: ApproverRef? = nil)
        -> GrantLifecycle<ManualClock>
    {
        var grant = GrantLifecycle.start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5)
        let approver = approver ?? alice
        _ = grant.event(.codeEntered(by: approver))
        let all = ApprovalSelection(rights: tokens.map { Array($0.access.indices) }, subjectFormats: subject)
        #expect(grant.event(.approve(by: approver, selection: all)) == .approved)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .issueTokens(all))
        clock.advance(by: .seconds(5))
        return grant
    }

    @Test func lessAccessIsGrantedAtOnce() {
        let original = [token(foo, bar)]
        var grant = delivered(original, subject: ["opaque"])
        let action = grant.event(modification(from: original, to: [token(bar)], subject: ["opaque"]))
        #expect(action == .issueTokens(ApprovalSelection(rights: [[0]], subjectFormats: ["opaque"])))
        #expect(grant.state.status == .approved && grant.state.deliveredAt == clock.now)
        #expect(grant.state.approval?.approver == alice)
        // What was consented to before is remembered, with when (the `auth_time` of assertions released later).
        let approvedAt = clock.now.advanced(by: .seconds(-10))
        #expect(
            grant.state.granted
                == GrantedAccess(
                    approver: alice, rights: [foo, bar], subjectFormats: ["opaque"], lastApprovedAt: approvedAt))
        #expect(grant.state.approval?.at == approvedAt)
        // The next call waits again, and has nothing new.
        #expect(grant.event(.continuationCall).errorCode == .tooFast)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .respondPending(waitSeconds: 5))
    }

    @Test func anAssertionNotReleasedBeforeNeedsANewInteraction() {
        let original = [token(foo)]
        var grant = delivered(original, subject: ["opaque"])
        let action = grant.event(
            modification(from: original, to: original, subject: ["opaque"], assertions: ["id_token"]))
        #expect(action == .restartInteraction(waitSeconds: 5))
        #expect(grant.state.granted?.assertionFormats == [])
    }

    @Test func partialApprovalIsWhatCounts() {
        // Asked for foo and bar, approved only foo: asking for bar alone is more than was approved.
        let original = [token(foo, bar)]
        var grant = GrantLifecycle.start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5)
        _ = grant.event(.codeEntered(by: alice))
        _ = grant.event(.approve(by: alice, selection: ApprovalSelection(rights: [[0]], subjectFormats: [])))
        clock.advance(by: .seconds(5))
        _ = grant.event(.continuationCall)
        clock.advance(by: .seconds(5))
        #expect(grant.event(modification(from: original, to: [token(bar)])) == .restartInteraction(waitSeconds: 5))
        #expect(grant.state.granted?.rights == [foo])
    }

    @Test func moreAccessNeedsANewInteractionByTheSameAccount() {
        let original = [token(foo)]
        var grant = delivered(original)
        let expanded = [token(foo, bar)]
        #expect(grant.event(modification(from: original, to: expanded)) == .restartInteraction(waitSeconds: 5))
        #expect(grant.state.status == .pending)
        #expect(grant.state.approval == nil && grant.state.boundApprover == nil && grant.state.deliveredAt == nil)
        #expect(grant.state.interactionExpiresAt == clock.now.advanced(by: .seconds(300)))
        // Polling meanwhile says "pending", after the wait.
        #expect(grant.event(.continuationCall).errorCode == .tooFast)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .respondPending(waitSeconds: 5))
        // Only the account that approved before may approve the extension (on any of its devices).
        #expect(grant.event(.codeEntered(by: mallory)) == .refuse(.anotherAccountsGrant))
        #expect(grant.event(.codeEntered(by: aliceLaptop)) == .interactionBound)
        let both = ApprovalSelection(rights: [[0, 1]], subjectFormats: [])
        #expect(grant.event(.approve(by: aliceLaptop, selection: both)) == .approved)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .issueTokens(both))
        // The RFC's example (§5.3): after foo+bar were approved together, bar alone and then foo alone need no
        // new interaction.
        clock.advance(by: .seconds(5))
        #expect(
            grant.event(modification(from: expanded, to: [token(bar)]))
                == .issueTokens(ApprovalSelection(rights: [[0]], subjectFormats: [])))
        clock.advance(by: .seconds(5))
        #expect(
            grant.event(modification(from: [token(bar)], to: [token(foo)]))
                == .issueTokens(ApprovalSelection(rights: [[0]], subjectFormats: [])))
        #expect(grant.state.granted?.approver == aliceLaptop)
    }

    @Test func aPendingGrantGetsANewInteraction() {
        var grant = GrantLifecycle.start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5)
        _ = grant.event(.codeEntered(by: alice))
        clock.advance(by: .seconds(5))
        #expect(grant.event(modification(from: [token(foo)], to: [token(bar)])) == .restartInteraction(waitSeconds: 5))
        // The approver who had entered the old code is no longer bound; nobody's consent is remembered.
        #expect(grant.state.boundApprover == nil && grant.state.granted == nil)
        #expect(
            grant.event(.approve(by: alice, selection: ApprovalSelection(rights: [[0]], subjectFormats: [])))
                == .refuse(.codeNotEntered))
        #expect(grant.event(.codeEntered(by: mallory)) == .interactionBound)
    }

    @Test func newSubjectFormatsAndBearerTokensAreMoreAccess() {
        let original = [token(foo)]
        var grant = delivered(original, subject: ["opaque"])
        #expect(
            grant.event(modification(from: original, to: original, subject: ["email"]))
                == .restartInteraction(waitSeconds: 5))
        var other = delivered(original)
        #expect(
            other.event(modification(from: original, to: [token(foo, bearer: true)]))
                == .restartInteraction(waitSeconds: 5))
    }

    @Test func refusedModificationsLeaveTheGrantAlone() {
        let original = [token(foo)]
        var grant = delivered(original)
        let before = grant.state
        let action = grant.event(modification(from: original, to: [token(bar)], canInteract: false))
        #expect(action.errorCode == .requestDenied)
        #expect(grant.state == before)
        // Too early: `too_fast`, nothing changes but the wait.
        var early = delivered(original)
        #expect(early.event(.continuationCall) == .respondPending(waitSeconds: 5))
        clock.advance(by: .seconds(1))
        let state = early.state
        #expect(early.event(modification(from: original, to: [token(bar)])).errorCode == .tooFast)
        #expect(early.state.status == state.status && early.state.approval == state.approval)
        #expect(early.state.nextCallAllowedAt == clock.now.advanced(by: .seconds(5)))
    }

    @Test func deniedExpiredAndFinishedGrantsCannotBeModified() {
        var denied = GrantLifecycle.start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5)
        _ = denied.event(.codeEntered(by: alice))
        _ = denied.event(.deny(by: alice, reason: "no"))
        clock.advance(by: .seconds(5))
        #expect(denied.event(modification(from: [token(foo)], to: [token(bar)])).errorCode == .userDenied)
        #expect(denied.state.outcome == .denied)
        clock.advance(by: .seconds(5))
        // The one repeat of the call that ended the grant is told the same (its answer may have been lost); then
        // the grant is finished.
        #expect(denied.event(modification(from: [token(foo)], to: [token(bar)])).errorCode == .userDenied)
        #expect(denied.event(modification(from: [token(foo)], to: [token(bar)])).errorCode == .invalidContinuation)

        var expired = GrantLifecycle.start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5)
        clock.advance(by: .seconds(600))
        #expect(expired.event(modification(from: [token(foo)], to: [token(bar)])).errorCode == .invalidInteraction)
        #expect(expired.state.outcome == .expired)
    }

    @Test func cancellationIsFinalAndIgnoresWait() {
        var grant = GrantLifecycle.start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5)
        _ = grant.event(.codeEntered(by: alice))
        // No wait applies to cancelling.
        #expect(grant.event(.cancel) == .cancelled)
        #expect(grant.state.status == .finalized && grant.state.outcome == .cancelled)
        #expect(grant.state.finalizedAt == clock.now)
        #expect(grant.event(.cancel).errorCode == .invalidContinuation)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall).errorCode == .invalidContinuation)
        #expect(grant.event(modification(from: [token(foo)], to: [token(foo)])).errorCode == .invalidContinuation)
        // The approver learns it was cancelled.
        #expect(grant.event(.codeEntered(by: alice)) == .refuse(.cancelled))
        #expect(
            grant.event(.approve(by: alice, selection: ApprovalSelection(rights: [[0]], subjectFormats: [])))
                == .refuse(.cancelled))
        // An approved grant can be cancelled too.
        var approved = delivered([token(foo)])
        #expect(approved.event(.cancel) == .cancelled)
    }

    @Test func stateWithConsentSurvivesEncoding() throws {
        let original = [token(foo)]
        var grant = delivered(original)
        _ = grant.event(modification(from: original, to: [token(foo, bar)]))
        let restored = try GNAPJSON.decode(GrantLifecycleState.self, from: try GNAPJSON.encode(grant.state))
        #expect(restored == grant.state)
        #expect(restored.granted?.rights == [foo])
    }
}
