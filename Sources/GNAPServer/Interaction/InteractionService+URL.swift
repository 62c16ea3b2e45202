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
        let base = publicURL.base
        guard locator.belongs(to: base) else {
            throw APIError(
                GNAPError(
                    .interactionURLMalformed,
                    "this interaction belongs to \(locator.base), not to this server (\(base))"))
        }
        let grant: GrantRecord?
        do {
            grant = try await grants.grant(interactionIDHash: Secrets.hash(locator.id))
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not look up the interaction"))
        }
        guard let grant else {
            throw APIError(GNAPError(.interactionURLUnknown, "no request has this interaction URL"))
        }
        return try await bind(
            grantID: grant.id, to: approver, arrival: Self.byInteractionURL, errors: Self.urlError(for:))
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
            return GrantStep.error(for: action)
        }
    }
}
