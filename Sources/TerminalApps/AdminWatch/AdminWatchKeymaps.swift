import TerminalUI

/// The admin view's keys: one table per context, merged with the global keys; dispatch and help use the same.
public enum AdminWatchKeymaps {
    static let global = Keymap<AdminViewCommand>([
        .init([.character("1")], .tab(.pending), help: "Pending requests", group: "Tabs"),
        .init([.character("2")], .tab(.decisions), help: "Recent decisions", group: "Tabs"),
        .init([.character("3")], .tab(.accounts), help: "Accounts", group: "Tabs"),
        .init([.character("4")], .tab(.devices), help: "Approver devices", group: "Tabs"),
        .init([.character("5")], .tab(.events), help: "Event log (the raw audit stream)", group: "Tabs"),
        .init([.tab], .nextTab, help: "Next tab", group: "Tabs"),
        .init([.backTab], .previousTab, help: "Previous tab", group: "Tabs"),
        .init([.character("?")], .help, help: "This help", group: "Global"),
        .init([.character("q"), .ctrl("c")], .quit, help: "Quit", group: "Global"),
    ])

    static let movement = Keymap<AdminViewCommand>([
        .init([.up, .character("k")], .up, help: "Previous row", group: "Navigation"),
        .init([.down, .character("j")], .down, help: "Next row", group: "Navigation"),
        .init([.pageUp], .pageUp, help: "Page up", group: "Navigation"),
        .init([.pageDown, .space], .pageDown, help: "Page down", group: "Navigation"),
        .init([.home, .character("g")], .top, help: "First row", group: "Navigation"),
        .init([.end, .character("G")], .bottom, help: "Last row", group: "Navigation"),
    ])

    static let pending = Keymap<AdminViewCommand>([
        .init([.enter], .open, help: "Open the request's detail and history", group: "Requests"),
        .init([.character("/")], .filter, help: "Filter (client, rights, mode, approver, id)", group: "Requests"),
        .init([.character("s")], .sort, help: "Sort by the next column", group: "Requests"),
        .init([.character("S")], .reverse, help: "Reverse the sort", group: "Requests"),
        .init([.escape], .close, help: "Clear the filter", group: "Requests"),
    ]).merged(with: movement).merged(with: global)

    static let deny = Keymap<AdminViewCommand>([
        .init([.character("d")], .deny, help: "Deny the request (asks for a reason)", group: "Requests")
    ])

    static let revoke = Keymap<AdminViewCommand>([
        .init([.character("r")], .revoke, help: "Revoke the approved grant (asks for a reason)", group: "Decisions")
    ])

    static let decisions = Keymap<AdminViewCommand>([
        .init([.enter], .open, help: "Open the grant's detail and history", group: "Decisions"),
        .init([.character("p")], .policyFilter, help: "Only grants granted by policy, or all", group: "Decisions"),
    ]).merged(with: movement).merged(with: global)

    static let accounts = movement.merged(with: global)

    static let devices = movement.merged(with: global)

    static let events = Keymap<AdminViewCommand>([
        .init([.enter], .open, help: "Open the grant of the entry", group: "Events"),
        .init([.character("/")], .filter, help: "Filter (kind, grant, actor, account, detail)", group: "Events"),
        .init([.escape], .close, help: "Clear the filter", group: "Events"),
    ]).merged(with: movement).merged(with: global)

    static let detail = Keymap<AdminViewCommand>([
        .init([.escape, .character("h")], .close, help: "Back to the list", group: "Detail")
    ]).merged(with: movement).merged(with: global)

    /// Enter and y confirm, Esc and n go back: the same keys as the approver's confirmations.
    static let confirm = Keymap<AdminViewCommand>([
        .init([.enter, .character("y")], .confirm, help: "Confirm", group: "Confirm"),
        .init([.escape, .character("n")], .cancel, help: "Back", group: "Confirm"),
        .init([.ctrl("c")], .quit, help: "Quit", group: "Global"),
    ])

    static let typing = Keymap<AdminViewCommand>([
        .init([.enter], .confirm, help: "Done", group: "Typing"),
        .init([.escape], .cancel, help: "Cancel", group: "Typing"),
        .init([.ctrl("c")], .quit, help: "Quit", group: "Global"),
    ])

    /// The keymap for what `state` shows: only the actions that can succeed on the selection are bound.
    public static func keymap(for state: AdminWatchState) -> Keymap<AdminViewCommand> {
        switch state.dialog {
        case .reason: return typing
        case .confirmGrant, .confirmAccount: return confirm
        case nil: break
        }
        if state.isEditingFilter { return typing }
        var keymap: Keymap<AdminViewCommand>
        if state.detail != nil {
            keymap = detail
        } else {
            switch state.tab {
            case .pending: keymap = pending
            case .decisions: keymap = decisions
            case .accounts:
                keymap = accounts
                if state.canToggleAccount, let account = state.selectedAccount {
                    let help = account.disabled ? "Enable the account again" : "Disable the account"
                    keymap = Keymap([.init([.character("d")], .disable, help: help, group: "Accounts")])
                        .merged(with: keymap)
                }
            case .devices:
                keymap = devices
                if state.canRevokeDevice {
                    keymap = Keymap([
                        .init([.character("x")], .revokeDevice, help: "Revoke the approver device", group: "Devices")
                    ]).merged(with: keymap)
                }
            case .events: keymap = events
            }
        }
        if state.canDeny { keymap = deny.merged(with: keymap) }
        if state.canRevoke { keymap = revoke.merged(with: keymap) }
        return keymap
    }

    /// Whether unbound keys are text for a field.
    static func isTyping(_ state: AdminWatchState) -> Bool {
        if case .reason = state.dialog { return true }
        return state.dialog == nil && state.isEditingFilter
    }
}
