import GNAP

/// The subject information (RFC 9635 §3.4) an approval releases, made ready before the continuation transaction
/// (which cannot read accounts or sign): the approving account's identifiers, the assertions signed for it, and when
/// the account last changed.
struct PreparedSubject: Sendable {
    /// The approval this was built for; nil when the grant was not approved yet when it was read.
    var selection: ApprovalSelection?
    var identifiers: [SubjectIdentifier] = []
    var assertions: [Assertion] = []
    /// RFC 3339 (§3.4 `updated_at`).
    var updatedAt: String?

    /// The `subject` member for `selection`: only the formats the approver released, nothing they withheld.
    func response(for selection: ApprovalSelection) -> SubjectResponse? {
        let identifiers = identifiers.filter { selection.subjectFormats.contains($0.format) }
        let assertions = assertions.filter { selection.assertionFormats.contains($0.format) }
        guard !identifiers.isEmpty || !assertions.isEmpty else { return nil }
        return SubjectResponse(
            subIDs: identifiers.isEmpty ? nil : identifiers, assertions: assertions.isEmpty ? nil : assertions,
            updatedAt: updatedAt)
    }

    /// Loads the approving account and signs the assertions the approval releases.
    static func prepare(for grant: GrantRecord, services: ASServices) async throws(APIError) -> PreparedSubject {
        try await prepare(for: grant, approval: grant.lifecycle.approval, services: services)
    }

    /// Loads the approving account and signs the assertions `approval` releases (for a modification, §5.3, the
    /// approval the modified request would get).
    static func prepare(for grant: GrantRecord, approval: Approval?, services: ASServices) async throws(APIError)
        -> PreparedSubject
    {
        guard let approval else { return PreparedSubject(selection: nil) }
        let selection = approval.selection
        guard !selection.subjectFormats.isEmpty || !selection.assertionFormats.isEmpty else {
            return PreparedSubject(selection: selection)
        }
        let account: Account?
        do {
            account = try await services.store.account(id: approval.approver.accountID)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the approver"))
        }
        // A deleted account releases nothing.
        guard let account else { return PreparedSubject(selection: selection) }
        let issuer = services.publicURL.base
        var prepared = PreparedSubject(
            selection: selection, identifiers: SubjectRelease.identifiers(for: account, issuer: issuer),
            updatedAt: account.updatedAt.iso8601)
        if selection.assertionFormats.contains(AssertionFormat.idToken) {
            let now = services.clock.now
            let claims = IDTokenClaims(
                iss: issuer, sub: account.opaqueSubject, aud: grant.instanceID, iat: now.unixSeconds,
                exp: now.advanced(by: services.configuration.assertionLifetime).unixSeconds,
                authTime: approval.at.unixSeconds,
                // The e-mail address only when the approver released it as an identifier too.
                email: selection.subjectFormats.contains("email") ? account.email : nil)
            do {
                let token = try await services.assertionKey().idToken(claims)
                prepared.assertions.append(Assertion(format: AssertionFormat.idToken, value: token))
            } catch let error as APIError {
                throw error
            } catch {
                throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not sign the ID token"))
            }
        }
        return prepared
    }
}
