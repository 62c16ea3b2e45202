import GNAP

/// Makes the subject information (RFC 9635 §3.4) of an approval ready before the continuation transaction: loads the
/// approving account and signs the assertions released for it.
struct SubjectPreparer: Sendable {
    let accounts: any AccountStore
    let publicURL: PublicURL
    let clock: AnyWallClock
    /// Lifetime of the `id_token` assertions (§3.4.1).
    let assertionLifetime: Duration
    let assertionKey: AssertionSigningKey

    /// Loads the approving account and signs the assertions the approval releases.
    func prepare(for grant: GrantRecord) async throws(APIError) -> PreparedSubject {
        try await prepare(for: grant, approval: grant.lifecycle.approval)
    }

    /// Loads the approving account and signs the assertions `approval` releases (for a modification, §5.3, the
    /// approval the modified request would get).
    func prepare(for grant: GrantRecord, approval: Approval?) async throws(APIError) -> PreparedSubject {
        guard let approval else { return PreparedSubject(selection: nil) }
        let selection = approval.selection
        guard !selection.subjectFormats.isEmpty || !selection.assertionFormats.isEmpty else {
            return PreparedSubject(selection: selection)
        }
        let account: Account?
        do {
            account = try await accounts.account(id: approval.approver.accountID)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the approver"))
        }
        // A deleted account releases nothing.
        guard let account else { return PreparedSubject(selection: selection) }
        let issuer = publicURL.base
        var prepared = PreparedSubject(
            selection: selection, identifiers: SubjectRelease.identifiers(for: account, issuer: issuer),
            updatedAt: account.updatedAt.iso8601)
        if selection.assertionFormats.contains(AssertionFormat.idToken) {
            let now = clock.now
            let claims = IDTokenClaims(
                iss: issuer, sub: account.opaqueSubject, aud: grant.instanceID, iat: now.unixSeconds,
                exp: now.advanced(by: assertionLifetime).unixSeconds,
                authTime: approval.at.unixSeconds,
                // The e-mail address only when the approver released it as an identifier too.
                email: selection.subjectFormats.contains("email") ? account.email : nil)
            do {
                let token = try assertionKey.idToken(claims)
                prepared.assertions.append(Assertion(format: AssertionFormat.idToken, value: token))
            } catch {
                throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not sign the ID token"))
            }
        }
        return prepared
    }
}
