import GNAP

/// The checks that open every call to a continuation URI (RFC 9635 §5): the continuation token and the URI together
/// name one grant ("If the AS cannot determine a single active grant request … `invalid_continuation`"), and the
/// request is signed by that grant's key, covering `authorization` (§7.3.1).
struct ContinuationAuthenticator: Sendable {
    let services: ASServices

    /// The grant and the presented continuation token (to re-check inside the transaction that uses it).
    func authenticate(grantID: String, _ signed: SignedRequest) async throws(APIError) -> (
        grant: GrantRecord, token: String
    ) {
        guard let token = signed.gnapToken else {
            throw APIError(GNAPError(.invalidContinuation, "present the continuation token as 'Authorization: GNAP …'"))
        }
        let found: GrantRecord?
        do {
            found = try await services.store.grant(id: grantID)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the grant"))
        }
        guard let grant = found, Secrets.matches(token, storedHash: grant.continuationTokenHash) else {
            throw APIError(ContinuationService.unknownGrant)
        }
        try await ClientProof(services: services).verify(signed, key: grant.clientKey)
        return (grant, token)
    }
}
