import GNAP

/// How the server changes a grant's state: ``GNAP/GrantStore/change(grantID:clock:_:)`` (events of the grant state
/// machine, with their audit entries and tokens, in one transaction), with its failures turned into API errors.
struct GrantStep: Sendable {
    let grants: any GrantStore
    let clock: AnyWallClock
    /// Woken after every step, so that inbox and admin streams send the change at once.
    var wakeup: FeedWakeup? = nil

    /// Runs one step; store failures are thrown as they are (for callers that retry).
    func attempt<Value: Sendable>(
        grantID: String, _ body: @escaping @Sendable (inout GrantChange) throws -> Value
    ) async throws -> Value {
        let value = try await grants.change(grantID: grantID, clock: clock, body)
        wakeup?.signal()
        return value
    }

    /// Runs one step. An ``APIError`` thrown by `body` passes through; a step the state machine refused becomes
    /// `refusals(action)`; a ``GNAPError`` is answered as it is; an unknown grant is `not_found`; anything else is a
    /// 500 that says `failure`. Nothing of a failed step is written.
    func run<Value: Sendable>(
        grantID: String, refusals: (GrantAction) -> APIError = Self.approverRefusal,
        failure: String = "the AS could not update the request",
        _ body: @escaping @Sendable (inout GrantChange) throws -> Value
    ) async throws(APIError) -> Value {
        do {
            return try await attempt(grantID: grantID, body)
        } catch let error as APIError {
            throw error
        } catch let refused as GrantStepRefused {
            throw refusals(refused.action)
        } catch let error as GNAPError {
            throw APIError(error)
        } catch StoreError.notFound {
            throw APIError(GNAPError(.notFound, "no request with this id"))
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, failure))
        }
    }

    /// What an approver is told when the state machine refuses their step.
    static func approverRefusal(_ action: GrantAction) -> APIError { APIError(error(for: action)) }

    static func error(for action: GrantAction) -> GNAPError {
        guard case .refuse(let refusal) = action else { return GNAPError(.requestDenied, "unexpected state") }
        switch refusal {
        case .expired: return GNAPError(.userCodeExpired, refusal.description)
        case .boundToAnotherApprover: return GNAPError(.userCodeUsed, refusal.description)
        case .alreadyDecided: return GNAPError(.alreadyDecided, refusal.description)
        case .codeNotEntered: return GNAPError(.notFound, "no request with this id is bound to you")
        case .nothingSelected: return GNAPError(.invalidRequest, refusal.description)
        // Not "expired": the approver is told that the device gave up, so they do not ask it for a new code.
        case .cancelled: return GNAPError(.requestWithdrawn, "the device withdrew this request")
        case .anotherAccountsGrant: return GNAPError(.userCodeUsed, refusal.description)
        case .startedWithUserCode, .startedWithInteractionURL: return GNAPError(.startModeUsed, refusal.description)
        case .notForYou: return GNAPError(.notFound, refusal.description)
        }
    }
}
