import GNAP

/// Binding an interaction to the approver who reached it, by user code or by interaction URL (RFC 9635 §4.1): the
/// first approver binds it, with one audit event; the same approver may come back; anyone else is refused.
extension InteractionService {
    /// How the approver reached the interaction, for the state machine and the audit log.
    struct Arrival: Sendable {
        var event: @Sendable (ApproverRef) -> GrantEvent
        var auditKind: AuditEventKind
        var auditDetail: @Sendable (ApproverRef) -> String
    }

    static let byUserCode = Arrival(
        event: { .codeEntered(by: $0) }, auditKind: .codeEntered,
        auditDetail: { "user code entered on device \($0.deviceID)" })
    static let byInteractionURL = Arrival(
        event: { .interactionOpened(by: $0) }, auditKind: .interactionOpened,
        auditDetail: { "interaction URL opened on device \($0.deviceID)" })

    /// Binds grant `grantID` to `approver` and returns the review of the request.
    func bind(
        grantID: String, to approver: ApproverAuthenticator.Approver, arrival: Arrival,
        errors: (GrantAction) -> GNAPError = GrantStep.error(for:)
    ) async throws(APIError) -> InteractionReview {
        let ref = approver.ref
        func refusal(_ action: GrantAction) -> APIError { APIError(errors(action)) }
        let record = try await step.run(grantID: grantID, refusals: refusal) { change in
            let first = change.record.lifecycle.boundApprover == nil
            try change.require(arrival.event(ref), yields: .interactionBound)
            if first { change.audit(arrival.auditKind, arrival.auditDetail(ref), accountID: ref.accountID) }
            return change.record
        }
        return ReviewBuilder.review(
            of: record, catalog: catalog, servers: await resourceServers(), approver: approver.account,
            issuer: publicURL.base)
    }
}
