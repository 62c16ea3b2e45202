import TerminalUI

extension ApproverKeymaps {
    /// Tab and Shift-Tab between the panes of the records view: decisions, active grants, keys.
    static let panes = Map([
        .init([.tab], .nextPane, help: "Next pane (decisions, active grants, keys, inbox)", group: "Panes"),
        .init([.backTab], .previousPane, help: "Previous pane", group: "Panes"),
    ])

    /// While typing a history search.
    static let searching = Map([
        .init([.enter], .submitSearch, help: "Search", group: "Search"),
        .init([.escape], .cancelSearch, help: "Stop typing the search", group: "Search"),
    ])

    static let activeGrants = Map([
        .init([.up, .character("k")], .previousItem, help: "Previous grant", group: "Active grants"),
        .init([.down, .character("j")], .nextItem, help: "Next grant", group: "Active grants"),
        .init([.pageUp], .pageUp, help: "Page up", group: "Active grants"),
        .init([.pageDown], .pageDown, help: "Page down", group: "Active grants"),
        .init([.character("r")], .revoke, help: "Revoke the grant (asks to confirm)", group: "Active grants"),
        .init([.escape], .back, help: "Back to code entry", group: "Active grants"),
        copy("Active grants"),
    ])

    static let revoke = Map([
        .init([.enter], .confirmRevoke, help: "Revoke: its tokens stop working at once", group: "Revoke"),
        .init([.escape], .back, help: "Back to the grants", group: "Revoke"),
    ])

    static let keys = Map([
        .init([.up, .character("k")], .previousItem, help: "Previous key", group: "Keys"),
        .init([.down, .character("j")], .nextItem, help: "Next key", group: "Keys"),
        .init([.character("r")], .rotateKey, help: "Rotate this terminal's key (asks to confirm)", group: "Keys"),
        .init([.escape], .back, help: "Back to code entry", group: "Keys"),
        copy("Keys", "the key's thumbprint"),
    ])

    static let rotate = Map([
        .init(
            [.enter, .character("y")], .confirmRotate, help: "Rotate: enroll a new key, revoke the old", group: "Rotate"
        ),
        .init([.escape, .character("n")], .back, help: "Back to the keys", group: "Rotate"),
    ])
}
