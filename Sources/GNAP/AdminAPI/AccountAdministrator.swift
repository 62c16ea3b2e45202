/// The account operations of `gnapterm admin`, whether they go to a running AS (the signed admin API) or straight
/// to a stopped AS's database. Errors describe themselves for a person.
public protocol AccountAdministrator: Sendable {
    func listAccounts() async throws -> [AccountView]
    func addAccount(_ request: NewAccountRequest) async throws -> AccountView
    func setDisabled(username: String, _ disabled: Bool) async throws -> AccountView
    /// Makes the account an `admin` or a `user`; the last enabled admin cannot become a user.
    func setRole(username: String, _ role: Account.Role) async throws -> AccountView
    func invite(username: String) async throws -> InvitationResponse
}
