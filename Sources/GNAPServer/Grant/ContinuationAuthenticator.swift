import GNAP

/// The checks that open every call to a continuation URI (RFC 9635 §5: `POST` to continue, `PATCH` to modify,
/// `DELETE` to cancel): the continuation token and the URI together name one grant ("If the AS cannot determine a
/// single active grant request … `invalid_continuation`"), and the request is signed by that grant's key, covering
/// `authorization` (§7.3.1).
struct ContinuationAuthenticator: Sendable {
    let grants: any GrantStore
    let proof: ClientProof

    /// An authenticated continuation call: the grant as read, and the presented token.
    struct Continuation: Sendable {
        let grant: GrantRecord
        let token: String
        /// What the token was when the call arrived: current, or previous for a repeat.
        let match: ContinuationTokenMatch

        /// Checks the token again inside the transaction that uses it (a concurrent call may have rotated it) and
        /// opens the call: a repeat with the previous token (its answer was lost) takes back what that answer
        /// issued (``GNAP/GrantChange/openContinuationCall(token:seen:)``).
        func recheck(_ change: inout GrantChange) throws(APIError) {
            guard change.openContinuationCall(token: token, seen: match) else {
                throw APIError(ContinuationAuthenticator.unknownGrant)
            }
        }
    }

    static let unknownGrant = GNAPError(
        .invalidContinuation, "no active grant request matches this continuation URI and token")

    func authenticate(grantID: String, _ signed: SignedRequest) async throws(APIError) -> Continuation {
        guard let token = signed.gnapToken else {
            throw APIError(GNAPError(.invalidContinuation, "present the continuation token as 'Authorization: GNAP …'"))
        }
        let found: GrantRecord?
        do {
            found = try await grants.grant(id: grantID)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the grant"))
        }
        // §5: the URI and the token together identify the grant; both must match. The previous token matches too,
        // once, for a client whose last answer was lost (docs/decisions.md).
        guard let grant = found, let match = grant.continuationTokenMatch(token) else {
            throw APIError(Self.unknownGrant)
        }
        // §5: continuation calls are signed by the grant's key and cover the `authorization` field.
        try await proof.verify(signed, key: grant.clientKey)
        return Continuation(grant: grant, token: token, match: match)
    }
}
