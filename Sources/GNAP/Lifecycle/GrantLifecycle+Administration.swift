/// State changes that come from outside the approver's interaction: an admin's decision, a revocation by the
/// approver or an admin, and expiry. Reached through ``GrantLifecycle/event(_:)`` like every other change.
extension GrantLifecycle {
    /// The client is told `user_denied` (RFC 9635 §3.6) on its next continuation call.
    mutating func adminDeny(by admin: ApproverRef, reason: String, now: WallInstant) -> GrantAction {
        if state.outcome == .expired || (state.status == .pending && now >= state.interactionExpiresAt) {
            return .refuse(.expired)
        }
        guard state.status == .pending else { return .refuse(.alreadyDecided) }
        state.status = .denied
        state.denial = Denial(approver: admin, reason: reason, at: now)
        return .denied
    }

    /// Before the client picked its tokens up, the grant becomes denied (the client is told `user_denied`); after,
    /// the grant ends (its continuation URI stops working, RFC 9635 §5.4 effect) and its tokens are to be revoked at
    /// once (§6.2 effect, decided by the AS).
    mutating func revokeApproval(by actor: ApproverRef, reason: String, now: WallInstant) -> GrantAction {
        switch (state.status, state.outcome) {
        case (.approved, _) where state.deliveredAt != nil:
            // Delivered tokens stay with an approved grant until the client cancels it (§5.3 may follow).
            finalize(.issued, at: now)
            return .revokeTokens
        case (.approved, _):
            state.status = .denied
            state.denial = Denial(approver: actor, reason: reason, at: now)
            return .denied
        case (.finalized, .issued):
            return .revokeTokens
        case (.pending, _):
            return .refuse(.codeNotEntered)
        default:
            return .refuse(.alreadyDecided)
        }
    }

    /// Marks a pending grant whose interaction lifetime is over as expired.
    mutating func expireInteraction(now: WallInstant) -> GrantAction {
        guard state.status == .pending, state.outcome == nil, now >= state.interactionExpiresAt else {
            return .unchanged
        }
        state.outcome = .expired
        return .interactionExpired
    }
}
