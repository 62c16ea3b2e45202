import GNAP

extension InteractionService {
    /// What the approver is told when they approve a request that names someone else (§2.4).
    static let notTheNamedUser = GNAPError(
        .unknownUser,
        "this request is for another user, so it cannot be approved from your account; it was refused and the device "
            + "is told unknown_user")

    /// §2.4: "If the identified end user does not match the RO present at the AS during an interaction step ... the
    /// AS SHOULD reject the request with an `unknown_user` error." The grant fails; the client learns it on its next
    /// continuation call.
    static func refuseForUser(_ change: inout GrantChange, by approver: ApproverRef, interactRef: String)
        throws(GrantStepRefused)
    {
        try change.require(.userMismatch(by: approver), yields: .denied)
        change.audit(
            .grantRefused,
            "the approving account is not the user the request names; client to be told unknown_user",
            accountID: approver.accountID)
        // §4.2: a refusal enacts the finish method too; the client then learns `unknown_user` with the reference.
        recordInteractRef(&change, interactRef)
    }
}
