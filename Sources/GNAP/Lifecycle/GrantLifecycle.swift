/// The grant state machine. Value type, no I/O: the shell loads the persisted state, feeds one event, performs the
/// returned action (rotating tokens, issuing tokens, answering) and saves the state, all in one transaction.
public struct GrantLifecycle<C: Clock>: Sendable where C.Instant == WallInstant, C: Sendable {
    public internal(set) var state: GrantLifecycleState
    public let clock: C
    /// Slack for `wait` (§5): calls this much early are still accepted, to absorb timer granularity.
    public let waitTolerance: Duration

    public init(state: GrantLifecycleState, clock: C, waitTolerance: Duration = .milliseconds(250)) {
        self.state = state
        self.clock = clock
        self.waitTolerance = waitTolerance
    }

    /// Starts a new pending grant; `expectsInteractRef` when the client asked for an interaction finish method;
    /// `inbox` when the request is addressed to a user's inbox (RFC 9635 §1.6.3).
    public static func start(
        clock: C, interactionLifetime: Duration, waitSeconds: Int, expectsInteractRef: Bool = false,
        inbox: InboxDelivery? = nil
    ) -> GrantLifecycle {
        var state = GrantLifecycleState(
            createdAt: clock.now, interactionLifetime: interactionLifetime, waitSeconds: waitSeconds)
        if expectsInteractRef { state.finish = FinishProgress() }
        state.inbox = inbox
        return GrantLifecycle(state: state, clock: clock)
    }

    public var isInteractionExpired: Bool { clock.now >= state.interactionExpiresAt }

    /// The one entry point: every change of a grant (client, approver, admin, expiry) is an event.
    public mutating func event(_ event: GrantEvent) -> GrantAction {
        let now = clock.now
        switch event {
        case .codeEntered(let approver):
            return bind(approver, via: .userCode, now: now)
        case .interactionOpened(let approver):
            return bind(approver, via: .interactionURL, now: now)
        case .interactionFinished(let interactRef):
            return finishInteraction(interactRef: interactRef, now: now)
        case .continuationCallWithInteractRef(let interactRef):
            return answeringClient(now: now) { $0.continuationCall(interactRef: interactRef, now: now) }
        case .approve(let approver, let selection):
            if let refusal = refusalForApprover(approver, now: now, requireBound: true) { return .refuse(refusal) }
            guard !selection.isEmpty else { return .refuse(.nothingSelected) }
            state.status = .approved
            state.approval = Approval(approver: approver, selection: selection, at: now)
            return .approved
        case .deny(let approver, let reason):
            if let refusal = refusalForApprover(approver, now: now, requireBound: true) { return .refuse(refusal) }
            state.status = .denied
            state.denial = Denial(approver: approver, reason: reason, at: now)
            return .denied
        case .userMismatch(let approver):
            // §2.4: the person approving is not the user the request names; the grant fails with `unknown_user`.
            if let refusal = refusalForApprover(approver, now: now, requireBound: true) { return .refuse(refusal) }
            state.status = .denied
            state.denial = Denial(
                approver: approver, reason: "the approver is not the user the request names", at: now,
                code: .unknownUser)
            return .denied
        case .continuationCall:
            return answeringClient(now: now) { $0.continuationCall(now: now) }
        case .modify(let modification):
            return answeringClient(now: now) { $0.modify(modification, now: now) }
        case .cancel:
            return cancel(now: now)
        case .nothingReleased:
            guard state.status == .approved else { return internalInconsistency() }
            finalize(.denied, at: now)
            // Decided inside the continuation call that delivers (the shell found nothing to release): that call is
            // told this, and may be told it again once (``FinalAnswer``).
            let error = GNAPError(.requestDenied, "the approval no longer releases anything")
            state.finalAnswer = FinalAnswer(error: error)
            return .respondError(error)
        case .answerLost(let callAt, let allowedAt):
            return answerLost(callAt: callAt, nextCallAllowedAt: allowedAt)
        case .issuanceDeferred(let previous):
            // What the shell prepared outside the transaction predates the approval: back to `previous`, still
            // approved and not finalized, answered as pending so that the client calls again.
            state = previous
            state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
            return .respondPending(waitSeconds: state.waitSeconds)
        case .adminDeny(let admin, let reason):
            return adminDeny(by: admin, reason: reason, now: now)
        case .revokeApproval(let actor, let reason):
            return revokeApproval(by: actor, reason: reason, now: now)
        case .expireInteraction:
            return expireInteraction(now: now)
        case .inboxOpened(let approver):
            return openFromInbox(approver, now: now)
        case .requestRepeated:
            return repeatRequest(now: now)
        case .approveByPolicy(let selection):
            return approveByPolicy(selection, now: now)
        }
    }

    func refusalForApprover(_ approver: ApproverRef, now: WallInstant, requireBound: Bool)
        -> InteractionRefusal?
    {
        if state.outcome == .expired { return .expired }
        if state.outcome == .cancelled { return .cancelled }
        guard state.status == .pending else { return .alreadyDecided }
        guard now < state.interactionExpiresAt else { return .expired }
        // A modified grant (§5.3) asks the resource owner who approved it before, not someone else.
        if let owner = state.granted?.approver, owner.accountID != approver.accountID { return .anotherAccountsGrant }
        // An asynchronous request (§1.6.3) is its addressee's to decide from any of their terminals, code or none;
        // the first decision wins.
        if state.inbox?.accountID == approver.accountID { return nil }
        if let bound = state.boundApprover, bound != approver { return .boundToAnotherApprover }
        if requireBound && state.boundApprover == nil { return .codeNotEntered }
        return nil
    }

    private mutating func continuationCall(now: WallInstant) -> GrantAction {
        switch state.status {
        case .finalized:
            // §5: after a response without `continue`, any further call is `invalid_continuation`.
            return .respondError(GNAPError(.invalidContinuation, "this grant request is finished"))
        case .pending, .approved, .denied:
            break
        }
        // §3.6: the grant is still pending, so a `too_fast` answer carries `continue` (with a rotated token) and the
        // client may go on after waiting again.
        if let tooFast = tooFastAnswer(now: now) { return tooFast }
        if let refusal = pollRefusedForFinish(now: now) { return refusal }
        switch state.status {
        case .approved:
            guard let approval = state.approval else { return internalInconsistency() }
            state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
            // The grant stays approved with a continuation, so the client can modify (§5.3) or cancel (§5.4) it;
            // what the approval releases is delivered once, later calls get nothing new.
            guard state.deliveredAt == nil else { return .respondPending(waitSeconds: state.waitSeconds) }
            state.deliveredAt = now
            return .issueTokens(approval.selection)
        case .denied:
            finalize(.denied, at: now)
            return .respondError(denialError)
        case .pending where now >= state.interactionExpiresAt:
            finalize(.expired, at: now)
            return .respondError(
                GNAPError(.invalidInteraction, "the interaction expired before the request was approved"))
        case .pending:
            state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
            return .respondPending(waitSeconds: state.waitSeconds)
        case .finalized:
            return internalInconsistency()
        }
    }

    /// A repeated continuation call: if the lost answer delivered what the approval releases (it set `deliveredAt`,
    /// and with a finish method spent the interaction reference), that delivery is undone so that the repeat makes
    /// it again; a decision taken since (an approval revoked, a denial) is left as it is.
    private mutating func answerLost(callAt: WallInstant, nextCallAllowedAt allowedAt: WallInstant) -> GrantAction {
        if state.status == .approved, state.deliveredAt == callAt {
            state.deliveredAt = nil
            if var finish = state.finish, finish.interactRefUsedAt == callAt {
                finish.interactRefUsedAt = nil
                state.finish = finish
            }
        }
        state.nextCallAllowedAt = min(state.nextCallAllowedAt, allowedAt)
        return .unchanged
    }

    /// A client's call to the continuation URI (§5.1, §5.2, §5.3). When the call ends the grant with an error, that
    /// error is kept; when the grant had been ended that way and the client calls again, it missed the answer (a
    /// lost response: after an answer without `continue` a client "MUST NOT make a continuation request", §3.1), and
    /// it is told the same once more, once (``FinalAnswer``).
    private mutating func answeringClient(now: WallInstant, _ call: (inout Self) -> GrantAction) -> GrantAction {
        if state.status == .finalized, var final = state.finalAnswer, final.repeatedAt == nil {
            final.repeatedAt = now
            state.finalAnswer = final
            return .respondError(final.error)
        }
        let wasFinalized = state.status == .finalized
        let action = call(&self)
        if !wasFinalized, state.status == .finalized, case .respondError(let error) = action {
            state.finalAnswer = FinalAnswer(error: error)
        }
        return action
    }

    mutating func finalize(_ outcome: GrantOutcome, at now: WallInstant) {
        state.status = .finalized
        state.outcome = outcome
        state.finalizedAt = now
    }

    /// What the client is told of a denial: `unknown_user` when the approver was not the named user (§2.4),
    /// otherwise `user_denied` (§3.6).
    var denialError: GNAPError {
        if let code = state.denial?.code, code == .unknownUser {
            return GNAPError(code, "the approving user is not the user named in the request")
        }
        return GNAPError(.userDenied, "the resource owner denied the request")
    }

    func internalInconsistency() -> GrantAction {
        .respondError(GNAPError(.requestDenied, "the grant is in an inconsistent state"))
    }
}

extension Duration {
    /// Whole seconds, rounded up.
    public var roundedUpSeconds: Int64 {
        let (seconds, attoseconds) = components
        return attoseconds > 0 ? seconds + 1 : seconds
    }
}
