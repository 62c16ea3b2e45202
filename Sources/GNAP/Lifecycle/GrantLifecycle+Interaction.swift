/// The parts of the grant state machine for RFC 9635 §4 (start modes, finish) and §5.1 (continuation with an
/// interaction reference).
extension GrantLifecycle {
    /// Binds the interaction to the first approver (either start channel); the same approver may come back through
    /// the same channel, anyone else or the other channel is refused (§4.1: "the AS MUST reject attempts to use
    /// other interaction start modes").
    mutating func bind(_ approver: ApproverRef, via channel: InteractionChannel, now: WallInstant) -> GrantAction {
        if let refusal = refusalForApprover(approver, now: now, requireBound: false) { return .refuse(refusal) }
        if let used = state.interactionChannel, used != channel {
            return .refuse(used == .userCode ? .startedWithUserCode : .startedWithInteractionURL)
        }
        if state.boundApprover == nil {
            state.boundApprover = approver
            state.codeEnteredAt = now
            state.interactionChannel = channel
        }
        return .interactionBound
    }

    /// Records the interaction reference the AS created when the approver decided (§4.2).
    mutating func finishInteraction(interactRef: String, now: WallInstant) -> GrantAction {
        guard var finish = state.finish, finish.interactRefHash == nil,
            state.status == .approved || state.status == .denied
        else { return .refuse(.alreadyDecided) }
        finish.interactRefHash = Secrets.hash(interactRef)
        finish.finishedAt = now
        state.finish = finish
        return .interactionFinished
    }

    /// §5.1: continuation with `interact_ref`.
    mutating func continuationCall(interactRef: String, now: WallInstant) -> GrantAction {
        guard var finish = state.finish else {
            if state.status == .finalized {
                return .respondError(GNAPError(.invalidContinuation, "this grant request is finished"))
            }
            return .respondError(
                GNAPError(
                    .invalidInteraction, "this grant has no interaction finish method, so no interaction reference"))
        }
        // §5.1: the reference is one-time; presenting one when the request is no longer waiting for it is
        // `too_many_attempts`, and the request is finalized.
        if state.status == .finalized {
            return .respondError(
                GNAPError(
                    .tooManyAttempts, "the interaction reference was already used; this grant request is finished"))
        }
        if finish.interactRefUsedAt != nil {
            finalize(.cancelled, at: now)
            return .respondError(
                GNAPError(.tooManyAttempts, "the interaction reference was already used; the grant request is ended"))
        }
        if let tooFast = tooFastAnswer(now: now) { return tooFast }
        if state.status == .pending && now >= state.interactionExpiresAt {
            finalize(.expired, at: now)
            return .respondError(
                GNAPError(.invalidInteraction, "the interaction expired before the request was approved"))
        }
        guard let hash = finish.interactRefHash, Secrets.matches(interactRef, storedHash: hash) else {
            finish.failedAttempts += 1
            state.finish = finish
            if finish.failedAttempts >= FinishProgress.maximumFailedAttempts {
                finalize(.cancelled, at: now)
                return .respondError(
                    GNAPError(.tooManyAttempts, "too many wrong interaction references; the grant request is ended"))
            }
            state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
            return .respondErrorContinuing(
                GNAPError(
                    .invalidInteraction,
                    finish.interactRefHash == nil
                        ? "the interaction has not finished, so there is no interaction reference yet"
                        : "this interaction reference does not belong to this grant request"),
                waitSeconds: state.waitSeconds)
        }
        finish.interactRefUsedAt = now
        state.finish = finish
        switch state.status {
        case .approved:
            guard let approval = state.approval else { return internalInconsistency() }
            // As with polling, the grant stays approved with a continuation (§5.3 modify, §5.4 cancel).
            state.deliveredAt = now
            state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
            return .issueTokens(approval.selection)
        case .denied:
            finalize(.denied, at: now)
            return .respondError(denialError)
        case .pending, .finalized:
            return internalInconsistency()
        }
    }

    /// §3.3.5: with a finish method, "the client instance MUST NOT continue a grant request before it receives the
    /// associated interaction reference", and §4.2 makes presenting it mandatory: a call without one is refused
    /// (with `continue`, so the client can still present the reference). An expired interaction still ends the
    /// request as polling would.
    mutating func pollRefusedForFinish(now: WallInstant) -> GrantAction? {
        // Once the reference was presented (or a modification delivered without an interaction), polling is the
        // ordinary way to keep the continuation going.
        guard let finish = state.finish, finish.interactRefUsedAt == nil, state.deliveredAt == nil else { return nil }
        if state.status == .pending && now >= state.interactionExpiresAt { return nil }
        state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
        return .respondErrorContinuing(
            GNAPError(
                .invalidInteraction,
                "this grant request has an interaction finish method: continue with the 'interact_ref' sent to the "
                    + "finish URI instead of polling"),
            waitSeconds: state.waitSeconds)
    }

    /// §5: a call before `wait` elapsed is `too_fast`; the answer carries `continue` (§3.6) and resets the wait.
    mutating func tooFastAnswer(now: WallInstant) -> GrantAction? {
        guard now.advanced(by: waitTolerance) < state.nextCallAllowedAt else { return nil }
        let early = now.duration(to: state.nextCallAllowedAt)
        state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
        return .respondTooFast(
            GNAPError(
                .tooFast,
                "called \(early.roundedUpSeconds) s too early; wait \(state.waitSeconds) seconds before the next call"),
            waitSeconds: state.waitSeconds)
    }
}
