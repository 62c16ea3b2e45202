import GNAP

/// Grant cancellation (RFC 9635 §5.4, `DELETE` on the continuation URI): the grant is finalized for good, its
/// continuation token stops working, and every access token it issued is revoked ("The AS SHOULD revoke all
/// associated access tokens"), durable ones included, which also ends their management (§6).
struct CancellationService: Sendable {
    let services: ASServices

    func cancel(grantID: String, _ signed: SignedRequest) async throws(APIError) {
        let (_, token) = try await ContinuationAuthenticator(services: services).authenticate(grantID: grantID, signed)
        let clock = services.clock
        let refusal: GNAPError?
        do {
            refusal = try await services.store.updateGrant(id: grantID) { record -> GrantMutation<GNAPError?> in
                guard Secrets.matches(token, storedHash: record.continuationTokenHash) else {
                    return GrantMutation(ContinuationService.unknownGrant)
                }
                var machine = GrantLifecycle(state: record.lifecycle, clock: clock)
                let action = machine.event(.cancel)
                let now = clock.now
                guard action == .cancelled else {
                    // §5.4: "If the request is not revoked, the AS responds with an `invalid_continuation` error".
                    if case .respondError(let error) = action { return GrantMutation(error) }
                    return GrantMutation(GNAPError(.invalidContinuation, "this grant request cannot be cancelled"))
                }
                record.lifecycle = machine.state
                // No token value can match a fresh random hash: the old continuation token is dead.
                record.continuationTokenHash = Secrets.hash(Secrets.token())
                return GrantMutation(
                    nil,
                    audit: [
                        AuditEvent(
                            grantID: record.id, at: now, kind: "grant.cancelled", detail: "cancelled by the client")
                    ],
                    revoking: TokenRevocation(keepsDurable: false, at: now, reason: "the client cancelled the grant"))
            }
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not cancel the grant"))
        }
        if let refusal { throw APIError(refusal) }
    }
}
