import GNAP

/// Binding an interaction to the approver who reached it, by user code or by interaction URL (RFC 9635 §4.1): the
/// first approver binds it, with one audit event; the same approver may come back; anyone else is refused.
extension InteractionService {
    /// How the approver reached the interaction, for the state machine and the audit log.
    struct Arrival {
        var event: @Sendable (ApproverRef) -> GrantEvent
        var auditKind: String
        var auditDetail: @Sendable (ApproverRef) -> String
    }

    static let byUserCode = Arrival(
        event: { .codeEntered(by: $0) }, auditKind: "code.entered",
        auditDetail: { "user code entered on device \($0.deviceID)" })
    static let byInteractionURL = Arrival(
        event: { .interactionOpened(by: $0) }, auditKind: "interaction.opened",
        auditDetail: { "interaction URL opened on device \($0.deviceID)" })

    /// Binds grant `grantID` to `approver` and returns the review of the request.
    func bind(
        grantID: String, to approver: ApproverAuthenticator.Approver, arrival: Arrival,
        errors: (GrantAction) -> GNAPError = Self.error(for:)
    ) async throws(APIError) -> InteractionReview {
        let ref = approver.ref
        let clock = services.clock
        let record = try await mutate(grantID: grantID, errors: errors) { record in
            var machine = GrantLifecycle(state: record.lifecycle, clock: clock)
            let action = machine.event(arrival.event(ref))
            guard action == .interactionBound else { return GrantMutation(.failure(RefusedStep(action: action))) }
            let first = record.lifecycle.boundApprover == nil
            record.lifecycle = machine.state
            let audit =
                first
                ? [
                    AuditEvent(
                        grantID: record.id, at: clock.now, kind: arrival.auditKind, detail: arrival.auditDetail(ref),
                        accountID: ref.accountID)
                ] : []
            return GrantMutation(.success(record), audit: audit)
        }
        return ReviewBuilder.review(
            of: record, catalog: services.configuration.catalog, approver: approver.account,
            issuer: services.publicURL.base)
    }
}
