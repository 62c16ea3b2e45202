import Foundation
import GNAP

/// Decisions taken on a grant from outside its interaction: an admin's denial, and revocation of an approval by an
/// admin or by the approver who gave it. Each is one state-machine event in one grant step (``GrantStep``) with its
/// audit entry; revoking an issued grant revokes its tokens in the same transaction, so they stop working at once.
struct GrantAdministration: Sendable {
    let step: GrantStep

    static func reason(from body: [UInt8]) throws(APIError) -> String {
        let request: ReasonRequest
        do {
            request = try GNAPJSON.decodeRequest(ReasonRequest.self, from: body)
        } catch {
            throw APIError(error)
        }
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 500 else {
            throw APIError(GNAPError(.invalidRequest, "a reason of 1 to 500 characters is required"))
        }
        return reason
    }

    func deny(grantID: String, by admin: ApproverRef, reason: String) async throws(APIError) -> GrantRecord {
        try await step.run(grantID: grantID, refusals: Self.refusal) { change in
            try change.require(.adminDeny(by: admin, reason: reason), yields: .denied)
            change.audit(.grantDenied, "denied by an admin: \(reason)", accountID: admin.accountID)
            return change.record
        }
    }

    /// `onlyApprovedBy`: the account that must have approved the grant (an approver revoking their own decision).
    func revoke(grantID: String, by actor: ApproverRef, reason: String, onlyApprovedBy: String?)
        async throws(APIError) -> GrantRecord
    {
        let who = onlyApprovedBy == nil ? "an admin" : "its approver"
        return try await step.run(grantID: grantID, refusals: Self.refusal) { change in
            if let owner = onlyApprovedBy, change.record.lifecycle.approval?.approver.accountID != owner {
                throw GrantStepRefused(action: .refuse(.codeNotEntered))
            }
            switch change.apply(.revokeApproval(by: actor, reason: reason)) {
            case .denied:
                change.audit(
                    .grantRevoked, "approval withdrawn by \(who) before the client picked it up: \(reason)",
                    accountID: actor.accountID)
            case .revokeTokens:
                change.audit(
                    .grantRevoked, "revoked by \(who); every token of the grant revoked: \(reason)",
                    accountID: actor.accountID)
                change.revoke(TokenRevocation(keepsDurable: false, at: change.now, reason: "grant revoked"))
            case let action:
                throw GrantStepRefused(action: action)
            }
            return change.record
        }
    }

    private static func refusal(_ action: GrantAction) -> APIError {
        guard case .refuse(let refusal) = action else { return APIError(GNAPError(.requestDenied, "unexpected state")) }
        if refusal == .codeNotEntered { return APIError(GNAPError(.notFound, "no approved request with this id")) }
        return GrantStep.approverRefusal(action)
    }
}
