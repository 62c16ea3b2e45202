import GNAP

/// Opening an interaction by its interaction URL or application URI (RFC 9635 §3.3.1, §3.3.2, §4.1.1, §4.1.4).
extension InteractionService {
    /// Binds the interaction to this approver, like entering a user code, and returns the review.
    func openInteraction(_ signed: SignedRequest) async throws(APIError) -> InteractionReview {
        let approver = try await authenticator.authenticate(signed)
        let request: InteractionOpenRequest
        do {
            request = try GNAPJSON.decodeRequest(InteractionOpenRequest.self, from: signed.body)
        } catch {
            throw APIError(error)
        }
        let locator: InteractionLocator
        do {
            locator = try InteractionLocator(parsing: request.interaction)
        } catch {
            throw APIError(GNAPError(.interactionURLMalformed, error.description))
        }
        let base = services.publicURL.base
        guard locator.belongs(to: base) else {
            throw APIError(
                GNAPError(
                    .interactionURLMalformed,
                    "this interaction belongs to \(locator.base), not to this server (\(base))"))
        }
        let grant: GrantRecord?
        do {
            grant = try await services.store.grant(interactionIDHash: Secrets.hash(locator.id))
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not look up the interaction"))
        }
        guard let grant else {
            throw APIError(GNAPError(.interactionURLUnknown, "no request has this interaction URL"))
        }
        let ref = approver.ref
        let clock = services.clock
        let record = try await mutate(grantID: grant.id, errors: Self.urlError(for:)) { record in
            var machine = GrantLifecycle(state: record.lifecycle, clock: clock)
            let action = machine.event(.interactionOpened(by: ref))
            guard action == .interactionBound else { return GrantMutation(.failure(RefusedStep(action: action))) }
            let first = record.lifecycle.boundApprover == nil
            record.lifecycle = machine.state
            let audit =
                first
                ? [
                    AuditEvent(
                        grantID: record.id, at: clock.now, kind: "interaction.opened",
                        detail: "interaction URL opened on device \(ref.deviceID)", accountID: ref.accountID)
                ] : []
            return GrantMutation(.success(record), audit: audit)
        }
        return ReviewBuilder.review(
            of: record, catalog: services.configuration.catalog, approver: approver.account, issuer: base)
    }

    /// The interaction-URL wording of a refusal.
    static func urlError(for action: GrantAction) -> GNAPError {
        guard case .refuse(let refusal) = action else { return GNAPError(.requestDenied, "unexpected state") }
        switch refusal {
        case .expired:
            return GNAPError(.interactionExpired, "this interaction has expired; ask the device for a new one")
        case .boundToAnotherApprover:
            return GNAPError(.interactionUsed, "this interaction was already opened by another approver")
        default:
            return error(for: action)
        }
    }
}
