import GNAP

/// First start on an empty store: create the `admin` account and a one-time enrollment code for its first device.
public enum Bootstrap {
    public struct Result: Sendable {
        public var code: EnrollmentCode
        public var account: Account
        public var expiresAt: WallInstant
    }

    /// Creates the admin account and its code if the store has no account yet; returns nil otherwise.
    public static func runIfNeeded(store: any AccountStore, now: WallInstant, lifetime: Duration)
        async throws -> Result?
    {
        guard try await store.accounts().isEmpty else { return nil }
        let account = Account(
            id: Secrets.identifier(), username: "admin", displayName: "Administrator", role: .admin,
            opaqueSubject: Secrets.identifier(), email: nil, createdAt: now)
        do {
            try await store.insertAccount(
                account,
                audit: [
                    AuditEvent(
                        grantID: nil, at: now, kind: .accountCreated, detail: "bootstrap admin account created",
                        accountID: account.id)
                ])
        } catch StoreError.conflict {
            // Another instance starting on the same empty database created it first.
            return nil
        }
        let code = EnrollmentCode.generate()
        let expiresAt = now.advanced(by: lifetime)
        try await store.insertEnrollmentCode(
            EnrollmentCodeRecord(
                codeHash: Secrets.hash(code.normalized), accountID: account.id, createdAt: now, expiresAt: expiresAt))
        return Result(code: code, account: account, expiresAt: expiresAt)
    }
}
