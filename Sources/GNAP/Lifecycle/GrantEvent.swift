/// What can happen to a grant.
public enum GrantEvent: Sendable, Hashable {
    /// An approver entered the grant's user code (binds the interaction to them).
    case codeEntered(by: ApproverRef)
    /// An approver opened the grant's interaction URL or application URI (binds the interaction to them, §4.1.1).
    case interactionOpened(by: ApproverRef)
    /// The interaction ended (approved or denied) and the AS created this interaction reference (§4.2).
    case interactionFinished(interactRef: String)
    /// The client called the continuation URI with an interaction reference (§5.1).
    case continuationCallWithInteractRef(String)
    case approve(by: ApproverRef, selection: ApprovalSelection)
    case deny(by: ApproverRef, reason: String)
    /// The approver tried to approve a request that names another user (§2.4): it fails with `unknown_user`.
    case userMismatch(by: ApproverRef)
    /// The client called the continuation URI (§5.2 polling).
    case continuationCall
    /// The client modified its request (§5.3 `PATCH`).
    case modify(GrantModification)
    /// The client cancelled the grant (§5.4 `DELETE`).
    case cancel
    /// Tokens were to be issued, but nothing the approval names can be released any more.
    case nothingReleased
    /// The client repeats a continuation call (made at `callAt`) whose answer it never received, with the token it
    /// presented then: what that answer delivered is taken back so that the repeat delivers it again, and the
    /// repeat is held to the `wait` that applied before that call (`nextCallAllowedAt`).
    case answerLost(callAt: WallInstant, nextCallAllowedAt: WallInstant)
    /// The shell cannot perform an `.issueTokens` yet (what it prepared outside the transaction predates the
    /// approval): the grant goes back to `previous` and the client is answered as pending.
    case issuanceDeferred(previous: GrantLifecycleState)
    /// An admin denies a pending grant, whether or not an approver has entered its code (RFC 9635 §3.6
    /// `user_denied` on the client's next call).
    case adminDeny(by: ApproverRef, reason: String)
    /// An admin, or the approver who gave it, withdraws an approval.
    case revokeApproval(by: ApproverRef, reason: String)
    /// The expiry service found the interaction lifetime over.
    case expireInteraction
    /// An approver of the account an asynchronous request is addressed to opened it from an inbox (§1.6.3).
    case inboxOpened(by: ApproverRef)
    /// The client sent an identical asynchronous request again: merged into this one (§13).
    case requestRepeated
    /// The operator's standing access covers the request (§1.6.4): approved by policy and delivered at once.
    case approveByPolicy(ApprovalSelection)
}
