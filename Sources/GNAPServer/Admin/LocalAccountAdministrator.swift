import GNAP

/// ``AccountAdministrator`` straight on an AS store (`gnapterm admin … --data-dir` while the AS is stopped). Every
/// change is audited with the actor `cli:local`.
public struct LocalAccountAdministrator: AccountAdministrator {
    let administration: AccountAdministration
    let invitationLifetime: Duration

    public init<C: Clock & Sendable>(
        store: any AccountStore, clock: C, invitationLifetime: Duration = ServerConfiguration().invitationLifetime
    ) where C.Instant == WallInstant {
        administration = AccountAdministration(store: store, clock: clock)
        self.invitationLifetime = invitationLifetime
    }

    public func listAccounts() async throws -> [AccountView] {
        try await local { try await administration.list() }.map(AccountView.init)
    }

    public func addAccount(_ request: NewAccountRequest) async throws -> AccountView {
        AccountView(try await local { try await administration.add(request) })
    }

    public func setDisabled(username: String, _ disabled: Bool) async throws -> AccountView {
        AccountView(try await local { try await administration.setDisabled(username: username, disabled) })
    }

    public func setRole(username: String, _ role: Account.Role) async throws -> AccountView {
        AccountView(try await local { try await administration.setRole(username: username, role) })
    }

    public func invite(username: String) async throws -> InvitationResponse {
        let lifetime = invitationLifetime
        let invitation = try await local { try await administration.invite(username: username, lifetime: lifetime) }
        return InvitationResponse(
            username: username, code: invitation.code.display, expiresAt: invitation.expiresAt.iso8601)
    }

    private func local<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await AuditContext.$current.withValue(AuditContext(requestID: nil, actor: "cli:local")) {
            try await body()
        }
    }
}
