import Foundation
import GNAP

/// Accounts, invitations and devices: the operations behind the admin API and `gnapterm admin … --data-dir`, so a
/// stopped AS's database is changed by exactly the same code (and audited the same way) as a running one.
public struct AccountAdministration: Sendable {
    public let store: any AccountStore
    let clock: AnyWallClock

    public init<C: Clock & Sendable>(store: any AccountStore, clock: C) where C.Instant == WallInstant {
        self.store = store
        self.clock = AnyWallClock(clock)
    }

    public func add(_ request: NewAccountRequest) async throws(AdministrationError) -> Account {
        let username = request.username.trimmingCharacters(in: .whitespaces)
        guard Self.isValidUsername(username) else {
            throw AdministrationError(
                .invalid, "a username is 1 to 64 characters: lower-case letters, digits, '.', '_' or '-'")
        }
        let displayName = (request.displayName ?? username).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !displayName.isEmpty, displayName.count <= 100 else {
            throw AdministrationError(.invalid, "a display name is 1 to 100 characters")
        }
        if let email = request.email, !Self.isPlausibleEmail(email) {
            throw AdministrationError(.invalid, "'\(email)' is not an e-mail address")
        }
        let now = clock.now
        let role = request.role ?? .user
        let account = Account(
            id: Secrets.identifier(), username: username, displayName: displayName, role: role,
            opaqueSubject: Secrets.identifier(), email: request.email, createdAt: now)
        try await run {
            try await store.insertAccount(
                account,
                audit: [
                    AuditEvent(
                        grantID: nil, at: now, kind: .accountCreated,
                        detail: "account '\(username)' (\(role.rawValue)) created", accountID: account.id)
                ])
        }
        return account
    }

    public func list() async throws(AdministrationError) -> [Account] {
        try await run { try await store.accounts() }
    }

    /// Disables or re-enables an account. The last enabled admin cannot be disabled (nobody could undo it).
    @discardableResult
    public func setDisabled(username: String, _ disabled: Bool) async throws(AdministrationError) -> Account {
        let account = try await account(username: username)
        if disabled, account.role == .admin, !account.disabled {
            let admins = try await run { try await store.accounts() }.filter { $0.role == .admin && !$0.disabled }
            if admins.count <= 1 {
                throw AdministrationError(.conflict, "'\(username)' is the last enabled admin account")
            }
        }
        let now = clock.now
        // The audit entry is written with the change, and only when something changed.
        let audit: @Sendable (Account) -> [AuditEvent] = { changed in
            [
                AuditEvent(
                    grantID: nil, at: now, kind: disabled ? .accountDisabled : .accountEnabled,
                    detail: "account '\(username)' \(disabled ? "disabled" : "enabled")", accountID: changed.id)
            ]
        }
        return try await run {
            try await store.updateAccount(id: account.id, at: now, audit: audit) { $0.disabled = disabled }
        }
    }

    /// Makes an account an admin or a user. The last enabled admin cannot become a user (nobody could undo it).
    @discardableResult
    public func setRole(username: String, _ role: Account.Role) async throws(AdministrationError) -> Account {
        let account = try await account(username: username)
        if role == .user, account.role == .admin, !account.disabled {
            let admins = try await run { try await store.accounts() }.filter { $0.role == .admin && !$0.disabled }
            if admins.count <= 1 {
                throw AdministrationError(.conflict, "'\(username)' is the last enabled admin account")
            }
        }
        let now = clock.now
        let previous = account.role
        let audit: @Sendable (Account) -> [AuditEvent] = { changed in
            [
                AuditEvent(
                    grantID: nil, at: now, kind: .accountRoleChanged,
                    detail: "account '\(username)' changed from \(previous.rawValue) to \(role.rawValue)",
                    accountID: changed.id)
            ]
        }
        return try await run {
            try await store.updateAccount(id: account.id, at: now, audit: audit) { $0.role = role }
        }
    }

    /// Issues a one-time enrollment code for a new device of `username`. Only its hash is stored.
    public func invite(username: String, lifetime: Duration) async throws(AdministrationError)
        -> (code: EnrollmentCode, account: Account, expiresAt: WallInstant)
    {
        let account = try await account(username: username)
        guard !account.disabled else { throw AdministrationError(.conflict, "the account '\(username)' is disabled") }
        let now = clock.now
        let code = EnrollmentCode.generate()
        let expiresAt = now.advanced(by: lifetime)
        try await run {
            try await store.insertEnrollmentCode(
                EnrollmentCodeRecord(
                    codeHash: Secrets.hash(code.normalized), accountID: account.id, createdAt: now,
                    expiresAt: expiresAt),
                audit: [
                    AuditEvent(
                        grantID: nil, at: now, kind: .enrollmentInvited,
                        detail: "enrollment code issued for '\(username)', valid until \(expiresAt.iso8601)",
                        accountID: account.id)
                ])
        }
        return (code, account, expiresAt)
    }

    public func devices(username: String) async throws(AdministrationError) -> [ApproverDevice] {
        let account = try await account(username: username)
        return try await run { try await store.devices(accountID: account.id) }
    }

    /// Revokes a device; `owner`, when given, must own it (an approver revoking their own device).
    @discardableResult
    public func revokeDevice(id: String, owner: String? = nil) async throws(AdministrationError) -> ApproverDevice {
        let now = clock.now
        guard let device = try await run({ try await store.device(id: id) }), owner == nil || device.accountID == owner
        else { throw AdministrationError(.notFound, "no device with this id") }
        return try await run {
            try await store.revokeDevice(
                id: id, at: now,
                audit: [
                    AuditEvent(
                        grantID: nil, at: now, kind: .deviceRevoked,
                        detail: "device '\(device.name)' (\(device.thumbprint)) revoked", accountID: device.accountID)
                ])
        }
    }

    public func account(username: String) async throws(AdministrationError) -> Account {
        guard let account = try await run({ try await store.account(username: username) }) else {
            throw AdministrationError(.notFound, "no account named '\(username)'")
        }
        return account
    }

    private func run<T>(_ body: () async throws -> T) async throws(AdministrationError) -> T {
        do {
            return try await body()
        } catch let error as AdministrationError {
            throw error
        } catch StoreError.conflict(let what) {
            throw AdministrationError(.conflict, "\(what) already exists")
        } catch StoreError.notFound(let what) {
            throw AdministrationError(.notFound, "\(what) not found")
        } catch {
            throw AdministrationError(.storage, "the AS database refused the change")
        }
    }

    static func isValidUsername(_ name: String) -> Bool {
        guard (1...64).contains(name.count), let first = name.first, first.isLetter || first.isNumber else {
            return false
        }
        return name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || ".-_".contains($0) }
    }

    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace })
    }
}
