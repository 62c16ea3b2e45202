import GNAP

/// Decisions on asynchronous requests (RFC 9635 §1.6.3), which any terminal of the addressed account may take.
extension InteractionService {
    /// Whether `approver` may review and decide `grant`: the interaction is bound to them (a code or link), or the
    /// request is addressed to their account's inbox.
    static func mayDecide(_ grant: GrantRecord, _ approver: ApproverRef) -> Bool {
        grant.lifecycle.boundApprover == approver || grant.lifecycle.inbox?.accountID == approver.accountID
    }

    /// Runs a decision step. When it loses to a decision already taken on another terminal of the same account, the
    /// approver is told plainly which decision that was, where and when; nothing is applied twice.
    func decision(
        grantID: String, by approver: ApproverRef,
        _ body: @escaping @Sendable (inout GrantChange) throws -> GrantRecord
    ) async throws(APIError) -> GrantRecord {
        do {
            return try await step.run(grantID: grantID, body)
        } catch  where error.error.code == .alreadyDecided {
            throw await decidedElsewhere(grantID: grantID, approver: approver) ?? error
        }
    }

    private func decidedElsewhere(grantID: String, approver: ApproverRef) async -> APIError? {
        guard let grant = try? await grants.grant(id: grantID), grant.lifecycle.inbox?.accountID == approver.accountID
        else { return nil }
        let lifecycle = grant.lifecycle
        let decided: (verb: String, by: ApproverRef, at: WallInstant)? =
            if let approval = lifecycle.approval {
                ("approved", approval.approver, approval.at)
            } else if let denial =
                lifecycle.denial
            { ("denied", denial.approver, denial.at) } else { nil }
        guard let decided else {
            return APIError(GNAPError(.alreadyDecided, "this request is no longer waiting for a decision"))
        }
        var place = "by an admin"
        if decided.by.accountID == approver.accountID {
            if decided.by.deviceID == approver.deviceID {
                place = "on this terminal"
            } else {
                let name = (try? await authenticator.accounts.device(id: decided.by.deviceID))?.name
                place = "on your other terminal" + (name.map { " '\($0)'" } ?? "")
            }
        }
        return APIError(
            GNAPError(
                .alreadyDecided,
                "this request was already \(decided.verb) \(place) at \(decided.at.iso8601); your decision was not "
                    + "applied"))
    }
}
