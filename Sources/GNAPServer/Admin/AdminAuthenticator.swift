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

    /// Checks an admin authenticated earlier again (a long-lived event stream): nil while the device is enrolled and
    /// unrevoked (a key rotated away revokes its device) and the account enabled and still an admin, otherwise why
    /// not. A store failure ends the watch too: access is not assumed.
    func reauthorize(_ admin: ApproverAuthenticator.Approver) async -> String? {
        do {
            guard let device = try await approvers.accounts.device(id: admin.device.id), device.revokedAt == nil else {
                return "this device was revoked (or its key rotated)"
            }
            guard let account = try await approvers.accounts.account(id: device.accountID), !account.disabled else {
                return "the account of this device is disabled"
            }
            guard account.role == .admin else { return "the account of this device is no longer an admin" }
            return nil
        } catch {
            return "the AS could not check the watcher's device"
        }
    }
}
