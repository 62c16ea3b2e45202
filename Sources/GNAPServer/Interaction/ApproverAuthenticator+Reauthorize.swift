import GNAP

extension ApproverAuthenticator {
    /// Checks an approver authenticated earlier again (a long-lived inbox stream): nil while the device is enrolled
    /// and unrevoked (a key rotated away revokes its device) and the account enabled, otherwise why not. A store
    /// failure ends the watch too: access is not assumed.
    func reauthorize(_ approver: Approver) async -> String? {
        do {
            guard let device = try await accounts.device(id: approver.device.id), device.revokedAt == nil else {
                return "this device was revoked (or its key rotated)"
            }
            guard let account = try await accounts.account(id: device.accountID), !account.disabled else {
                return "the account of this device is disabled"
            }
            return nil
        } catch {
            return "the AS could not check the watcher's device"
        }
    }
}
