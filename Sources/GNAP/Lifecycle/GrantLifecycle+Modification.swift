extension GrantLifecycle {
    /// §5.3: "A grant request associated with a modification request MUST be in the _approved_ or _pending_
    /// state", and the AS re-evaluates it (the _processing_ state lasts only as long as this call). What was
    /// consented to before (every approval of this grant) is kept; a request it covers is approved again at once,
    /// anything more goes back to _pending_ with a new interaction.
    mutating func modify(_ modification: GrantModification, now: WallInstant) -> GrantAction {
        switch state.status {
        case .finalized:
            return .respondError(GNAPError(.invalidContinuation, "this grant request is finished"))
        case .denied:
            // The resource owner said no before the client learnt of it: that is the answer.
            finalize(.denied, at: now)
            return .respondError(denialError)
        case .pending, .approved:
            break
        }
        if let tooFast = tooFastAnswer(now: now) { return tooFast }
        if state.status == .pending && now >= state.interactionExpiresAt {
            finalize(.expired, at: now)
            return .respondError(
                GNAPError(.invalidInteraction, "the interaction expired before the request was approved"))
        }
        var granted = state.granted
        if let approval = state.approval {
            var folded = granted ?? GrantedAccess(approver: approval.approver)
            folded.add(approval, of: modification.currentTokens)
            granted = folded
        }
        let selection = ApprovalSelection(
            rights: modification.tokens.map { Array($0.access.indices) }, subjectFormats: modification.subjectFormats,
            assertionFormats: modification.assertionFormats)
        if let granted, !selection.isEmpty,
            granted.covers(
                tokens: modification.tokens, subjectFormats: modification.subjectFormats,
                assertionFormats: modification.assertionFormats)
        {
            // Same or less than consented: "return the more limited access rights immediately" (§5.3).
            state.granted = granted
            state.status = .approved
            // The consent is the earlier one: its time stays the `auth_time` of any assertion released (§3.4).
            state.approval = Approval(
                approver: granted.approver, selection: selection, at: granted.lastApprovedAt ?? now)
            state.deliveredAt = now
            state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
            return .issueTokens(selection)
        }
        // An asynchronous request (§1.6.3) goes back to its addressee's inbox instead of needing an interaction.
        guard modification.canInteract || state.inbox != nil else {
            return .respondError(
                GNAPError(
                    .requestDenied,
                    "the modified request asks for more than was approved, which needs a new interaction; "
                        + "include 'interact'"))
        }
        // More than consented: "the AS could require additional interaction with the RO" (§5.3). The old user
        // code, its approver binding and the approval of the previous request are gone.
        state.granted = granted
        state.status = .pending
        state.approval = nil
        state.deliveredAt = nil
        state.boundApprover = nil
        state.codeEnteredAt = nil
        state.interactionChannel = nil
        state.inbox?.seen = []
        // A new interaction has its own finish (§4.2): a new reference is expected if the request has a method.
        state.finish = modification.expectsInteractRef ? FinishProgress() : nil
        state.interactionExpiresAt = now.advanced(by: modification.interactionLifetime)
        state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
        return .restartInteraction(waitSeconds: state.waitSeconds)
    }

    /// §5.4: the grant is finalized for good. No `wait` applies: cancelling only ever takes access away.
    mutating func cancel(now: WallInstant) -> GrantAction {
        guard state.status != .finalized else {
            return .respondError(GNAPError(.invalidContinuation, "this grant request is finished"))
        }
        finalize(.cancelled, at: now)
        return .cancelled
    }
}
