import GNAP

/// Admin calls are approver calls (signed by an enrolled, unrevoked device of an enabled account; nonce, `created`,
/// Content-Digest; no replay) by an account whose role is `admin`.
struct AdminAuthenticator: Sendable {
    let approvers: ApproverAuthenticator

    func authenticate(_ signed: SignedRequest) async throws(APIError) -> ApproverAuthenticator.Approver {
        let approver = try await approvers.authenticate(signed)
        guard approver.account.role == .admin else {
            throw APIError(.forbidden, GNAPError(.adminRequired, "this call needs an admin account"))
        }
        return approver
    }
}
