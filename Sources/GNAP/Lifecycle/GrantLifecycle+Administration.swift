/// State changes that come from outside the approver's interaction: an admin's decision, a revocation by the
/// approver or an admin, and expiry. Same rules as ``GrantLifecycle/event(_:)``: no I/O, the shell saves the state.
extension GrantLifecycle {
    /// An admin denies a pending grant, whether or not an approver has entered its code. The client is told
    /// `user_denied` (RFC 9635 §3.6) on its next continuation call.
    public mutating func adminDeny(by admin: ApproverRef, reason: String) -> AdministrativeAction {
        var next = state
        let now = clock.now
        if next.outcome == .expired || (next.status == .pending && now >= next.interactionExpiresAt) {
            return .refuse(.expired)
        }
        guard next.status == .pending else { return .refuse(.alreadyDecided) }
        next.status = .denied
        next.denial = Denial(approver: admin, reason: reason, at: now)
        self = GrantLifecycle(state: next, clock: clock, waitTolerance: waitTolerance)
        return .denied
    }

    /// Withdraws an approval. Before the client picked its tokens up, the grant becomes denied (the client is told
    /// `user_denied`); after, the grant ends (its continuation URI stops working, RFC 9635 §5.4 effect) and its
    /// tokens are to be revoked at once (§6.2 effect, decided by the AS).
    public mutating func revokeApproval(by actor: ApproverRef, reason: String) -> AdministrativeAction {
        var next = state
        switch (next.status, next.outcome) {
        case (.approved, _) where next.deliveredAt != nil:
            // Delivered tokens stay with an approved grant until the client cancels it (§5.3 may follow).
            finalize(.issued, at: clock.now)
            return .revokeTokens
        case (.approved, _):
            next.status = .denied
            next.denial = Denial(approver: actor, reason: reason, at: clock.now)
            self = GrantLifecycle(state: next, clock: clock, waitTolerance: waitTolerance)
            return .denied
        case (.finalized, .issued):
            return .revokeTokens
        case (.pending, _):
            return .refuse(.codeNotEntered)
        default:
            return .refuse(.alreadyDecided)
        }
    }

    /// Marks a pending grant whose interaction lifetime is over as expired: its code stops working
    /// (`expired_user_code`) and the client is told `invalid_interaction` on its next call. Returns whether anything
    /// changed.
    public mutating func expireInteraction() -> Bool {
        guard state.status == .pending, state.outcome == nil, clock.now >= state.interactionExpiresAt else {
            return false
        }
        var next = state
        next.outcome = .expired
        self = GrantLifecycle(state: next, clock: clock, waitTolerance: waitTolerance)
        return true
    }
}

/// What the shell must do after an administrative step.
public enum AdministrativeAction: Sendable, Hashable {
    /// The grant is now denied.
    case denied
    /// Revoke every token of the grant in the same transaction.
    case revokeTokens
    case refuse(InteractionRefusal)
}
