import GNAP

extension ModificationService {
    /// The end user a modified request names (RFC 9635 §2.4, §5.3), resolved like a new request's when `user` or
    /// `subject` changed (an unknown reference or a foreign assertion is `unknown_user`). Once someone approved the
    /// grant, the user named must be that account: a modification cannot hand the grant to someone else
    /// (`unknown_user`, §3.6).
    func requestedUser(_ modification: ModificationRequest, grant: GrantRecord, consenting: ApproverRef?)
        async throws(APIError) -> RequestedUser?
    {
        guard modification.changes.user != nil || modification.changes.subject != nil else {
            return grant.requestedUser
        }
        let user = try await users.resolve(modification.merged.request)
        guard let consenting, let user, user.namesAUser else { return user }
        let account: Account?
        do {
            account = try await accounts.account(id: consenting.accountID)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the approver"))
        }
        guard let account, user.matches(account, issuer: publicURL.base) else {
            throw APIError(
                GNAPError(
                    .unknownUser, "the user the modified request names is not the account that approved this grant"))
        }
        return user
    }
}
