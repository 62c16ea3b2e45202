import GNAP

/// Grant cancellation (RFC 9635 §5.4, `DELETE` on the continuation URI): the grant is finalized for good, its
/// continuation token stops working, and every access token it issued is revoked ("The AS SHOULD revoke all
/// associated access tokens"), durable ones included, which also ends their management (§6).
struct CancellationService: Sendable {
    let authenticator: ContinuationAuthenticator
    let step: GrantStep

    func cancel(grantID: String, _ signed: SignedRequest) async throws(APIError) {
        let continuation = try await authenticator.authenticate(grantID: grantID, signed)
        try await step.run(grantID: grantID, refusals: Self.refusal, failure: "the AS could not cancel the grant") {
            change in
            try continuation.recheck(&change)
            try change.require(.cancel, yields: .cancelled)
            change.endContinuation()
            change.audit(.grantCancelled, "cancelled by the client")
            change.revoke(
                TokenRevocation(
                    keepsDurable: false, at: change.now, reason: "the client cancelled the grant"))
        }
    }

    /// §5.4: "If the request is not revoked, the AS responds with an `invalid_continuation` error".
    private static func refusal(_ action: GrantAction) -> APIError {
        if case .respondError(let error) = action { return APIError(error) }
        return APIError(GNAPError(.invalidContinuation, "this grant request cannot be cancelled"))
    }
}
