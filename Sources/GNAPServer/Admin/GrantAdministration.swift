import Foundation
import GNAP

/// Decisions taken on a grant from outside its interaction: an admin's denial, and revocation of an approval by an
/// admin or by the approver who gave it. Each is one ``GrantLifecycle`` step in one store transaction with its audit
/// event; revoking an issued grant revokes its tokens in the same transaction, so they stop working at once.
struct GrantAdministration: Sendable {
    let services: ASServices

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
        let clock = services.clock
        return try await step(grantID: grantID) { record in
            var machine = GrantLifecycle(state: record.lifecycle, clock: clock)
            let action = machine.adminDeny(by: admin, reason: reason)
            guard action == .denied else { return (.failure(action), [], false) }
            record.lifecycle = machine.state
            return (
                .success(record),
                [
                    AuditEvent(
                        grantID: record.id, at: clock.now, kind: "grant.denied",
                        detail: "denied by an admin: \(reason)", accountID: admin.accountID)
                ], false
            )
        }
    }

    /// `onlyApprovedBy`: the account that must have approved the grant (an approver revoking their own decision).
    func revoke(grantID: String, by actor: ApproverRef, reason: String, onlyApprovedBy: String?)
        async throws(APIError) -> GrantRecord
    {
        let clock = services.clock
        return try await step(grantID: grantID) { record in
            if let owner = onlyApprovedBy, record.lifecycle.approval?.approver.accountID != owner {
                return (.failure(.refuse(.codeNotEntered)), [], false)
            }
            var machine = GrantLifecycle(state: record.lifecycle, clock: clock)
            let action = machine.revokeApproval(by: actor, reason: reason)
            let who = onlyApprovedBy == nil ? "an admin" : "its approver"
            switch action {
            case .denied:
                record.lifecycle = machine.state
                return (
                    .success(record),
                    [
                        AuditEvent(
                            grantID: record.id, at: clock.now, kind: "grant.revoked",
                            detail: "approval withdrawn by \(who) before the client picked it up: \(reason)",
                            accountID: actor.accountID)
                    ], false
                )
            case .revokeTokens:
                record.lifecycle = machine.state
                return (
                    .success(record),
                    [
                        AuditEvent(
                            grantID: record.id, at: clock.now, kind: "grant.revoked",
                            detail: "revoked by \(who); every token of the grant revoked: \(reason)",
                            accountID: actor.accountID)
                    ], true
                )
            case .refuse:
                return (.failure(action), [], false)
            }
        }
    }

    private func step(
        grantID: String,
        _ body:
            @escaping @Sendable (inout GrantRecord) -> (Result<GrantRecord, AdministrativeFailure>, [AuditEvent], Bool)
    ) async throws(APIError) -> GrantRecord {
        let outcome: Result<GrantRecord, AdministrativeFailure>
        do {
            outcome = try await services.store.updateGrant(id: grantID, revokingTokensAt: services.clock.now) {
                record in
                let original = record
                let (result, audit, revoke) = body(&record)
                if case .failure = result {
                    record = original
                    return (GrantMutation(result), false)
                }
                return (GrantMutation(result, audit: audit), revoke)
            }
        } catch StoreError.notFound {
            throw APIError(GNAPError(.notFound, "no request with this id"))
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not update the request"))
        }
        switch outcome {
        case .success(let record): return record
        case .failure(let failure):
            guard case .refuse(let refusal) = failure.action else {
                throw APIError(GNAPError(.requestDenied, "unexpected state"))
            }
            if refusal == .codeNotEntered { throw APIError(GNAPError(.notFound, "no approved request with this id")) }
            throw APIError(InteractionService.error(for: .refuse(refusal)))
        }
    }
}

/// A refused administrative step, carried out of the transaction as a value.
struct AdministrativeFailure: Error, Sendable {
    let action: AdministrativeAction
}

extension Result where Failure == AdministrativeFailure {
    static func failure(_ action: AdministrativeAction) -> Self { .failure(AdministrativeFailure(action: action)) }
}
