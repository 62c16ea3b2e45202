import TerminalUI

/// A grant action the admin can take from the view.
public enum GrantAction: String, Sendable, Hashable {
    case deny, revoke
}

/// An account or device action.
public enum AccountAction: Sendable, Hashable {
    case disable(username: String)
    case enable(username: String)
    case revokeDevice(id: String, name: String)
}

/// The modal in front of the view, if any.
public enum AdminDialog: Sendable, Hashable {
    /// Asking for the reason of a denial or revocation.
    case reason(GrantAction, grantID: String, client: String, field: TextFieldState)
    /// The last check before a grant action is sent.
    case confirmGrant(GrantAction, grantID: String, client: String, reason: String)
    /// The check before an account or device action.
    case confirmAccount(AccountAction)
}
