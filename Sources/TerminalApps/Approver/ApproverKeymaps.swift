import TerminalUI

/// The key tables of the approver app: one per screen, merged with a global one. Dispatch, the status bar hints
/// and the help overlay all come from these tables.
enum ApproverKeymaps {
    typealias Map = Keymap<ApproverCommand>

    /// The keys of every screen. While typing, `?` and `q` are text, so only F1 and Ctrl-C remain.
    static func global(typing: Bool) -> Map {
        var entries: [Map.Entry] = [
            .init(
                typing ? [.function(1)] : [.character("?"), .function(1)], .help, help: "Show the keys", group: "Global"
            ),
            .init(typing ? [.ctrl("c")] : [.character("q"), .ctrl("c")], .quit, help: "Quit", group: "Global"),
        ]
        if !typing { entries.append(mouse) }
        return Map(entries)
    }

    /// Off, the terminal's own text selection works (mouse reporting stops it).
    static let mouse = Map.Entry(
        [.character("m")], .toggleMouse, help: "Mouse on/off (off: select text with the mouse)", group: "Global")

    /// `y` on a screen about a grant.
    static func copy(_ group: String, _ what: String = "the grant id") -> Map.Entry {
        Map.Entry([.character("y")], .copy, help: "Copy \(what) to the clipboard (OSC 52)", group: group)
    }

    static let codeTyping = Map([
        .init([.enter], .submitCode, help: "Look up the code", group: "Code"),
        .init([.escape], .leaveField, help: "Stop typing (then q quits)", group: "Code"),
    ])

    static let codeIdle = Map([
        .init([.enter, .tab, .character("i")], .editCode, help: "Type a code", group: "Code"),
        .init([.character("h")], .showHistory, help: "Show the decision history", group: "Code"),
        .init([.character("I")], .showInbox, help: "Show the requests waiting in your inbox", group: "Code"),
    ])

    static let loading = Map([])

    static let review = Map([
        .init([.up, .character("k")], .previousItem, help: "Previous item (scrolls at the top)", group: "Review"),
        .init([.down, .character("j")], .nextItem, help: "Next item (scrolls at the bottom)", group: "Review"),
        .init([.pageUp], .pageUp, help: "Scroll up a page", group: "Review"),
        .init([.pageDown], .pageDown, help: "Scroll down a page", group: "Review"),
        .init([.home, .character("g")], .top, help: "Go to the top", group: "Review"),
        .init([.end, .character("G")], .bottom, help: "Go to the bottom", group: "Review"),
        .init([.space], .toggle, help: "Include or exclude the selected item", group: "Review"),
        .init(
            [.tab, .backTab], .switchFocus, help: "Move the focus between the list and the buttons", group: "Review"),
        .init([.left], .focusApprove, help: "Focus the Approve button", group: "Review"),
        .init([.right], .focusDeny, help: "Focus the Deny button", group: "Review"),
        .init([.enter], .activate, help: "Toggle the item, or press the focused button", group: "Review"),
        .init([.character("a")], .approve, help: "Approve the included items (asks to confirm)", group: "Decision"),
        .init([.character("d")], .deny, help: "Deny the request (asks for a reason)", group: "Decision"),
        .init([.escape], .leaveReview, help: "Leave without deciding", group: "Decision"),
        copy("Decision"),
    ])

    static let confirm = Map([
        .init([.enter, .character("y")], .confirm, help: "Approve: release what is listed", group: "Confirm"),
        .init([.escape, .character("n")], .back, help: "Back to the review", group: "Confirm"),
        .init([.up, .character("k")], .previousItem, help: "Scroll the list up", group: "Confirm"),
        .init([.down, .character("j")], .nextItem, help: "Scroll the list down", group: "Confirm"),
        .init([.pageUp], .pageUp, help: "Scroll up a page", group: "Confirm"),
        .init([.pageDown], .pageDown, help: "Scroll down a page", group: "Confirm"),
    ])

    static let deny = Map([
        .init([.up], .previousReason, help: "Previous reason", group: "Deny"),
        .init([.down], .nextReason, help: "Next reason", group: "Deny"),
        .init([.enter], .submitDenial, help: "Deny with this reason", group: "Deny"),
        .init([.escape], .back, help: "Back to the review", group: "Deny"),
    ])

    static let result = Map([
        .init([.enter, .character("n")], .newCode, help: "Enter another code", group: "Result"),
        .init([.character("h")], .showHistory, help: "Show the decision history", group: "Result"),
        .init([.up, .character("k")], .previousItem, help: "Scroll up", group: "Result"),
        .init([.down, .character("j")], .nextItem, help: "Scroll down", group: "Result"),
        .init([.pageUp], .pageUp, help: "Scroll up a page", group: "Result"),
        .init([.pageDown], .pageDown, help: "Scroll down a page", group: "Result"),
        copy("Result"),
    ])

    static let history = Map([
        .init([.up, .character("k")], .previousItem, help: "Previous decision", group: "History"),
        .init([.down, .character("j")], .nextItem, help: "Next decision", group: "History"),
        .init([.pageUp], .pageUp, help: "Page up", group: "History"),
        .init([.pageDown], .pageDown, help: "Page down", group: "History"),
        .init([.enter], .openDetail, help: "Show the decision", group: "History"),
        .init([.character("/")], .search, help: "Search the history (every word, any field)", group: "History"),
        .init([.character("n")], .nextMatch, help: "Next match of the search", group: "History"),
        .init([.character("N")], .previousMatch, help: "Previous match of the search", group: "History"),
        .init([.escape], .back, help: "Clear the search, or back to code entry", group: "History"),
        copy("History", "the decision's grant id"),
    ])

    static let historyDetail = Map([
        .init([.up, .character("k")], .previousItem, help: "Scroll up", group: "Decision"),
        .init([.down, .character("j")], .nextItem, help: "Scroll down", group: "Decision"),
        .init([.pageUp], .pageUp, help: "Scroll up a page", group: "Decision"),
        .init([.pageDown], .pageDown, help: "Scroll down a page", group: "Decision"),
        .init([.escape], .back, help: "Back to the list", group: "Decision"),
        copy("Decision"),
    ])

    /// True when keys go to a text field on this state.
    static func isTyping(_ state: ApproverState) -> Bool {
        switch state.screen {
        case .codeEntry: state.code.isTyping
        case .deny, .revokeGrant: true
        case .history: state.history.search.isTyping
        default: false
        }
    }

    /// The screen's table merged with the global one.
    static func keymap(for state: ApproverState) -> Map {
        let screen: Map
        switch state.screen {
        case .codeEntry: screen = state.code.isTyping ? codeTyping : codeIdle
        case .loading: screen = loading
        case .review: screen = review
        case .confirmApproval: screen = confirm
        case .deny: screen = deny
        case .result: screen = result
        case .history: screen = state.history.search.isTyping ? searching : history.merged(with: panes)
        case .historyDetail: screen = historyDetail
        case .activeGrants: screen = activeGrants.merged(with: panes)
        case .revokeGrant: screen = revoke
        case .keys: screen = keys.merged(with: panes)
        case .rotateKey: screen = rotate
        case .inbox: screen = inbox.merged(with: panes)
        }
        return screen.merged(with: global(typing: isTyping(state)))
    }

    /// The status bar hints of the state's screen.
    static func hints(for state: ApproverState) -> [StatusBar.Hint] {
        let commands: [(ApproverCommand, String)]
        switch state.screen {
        case .codeEntry where state.code.isTyping:
            commands = [(.submitCode, "look up"), (.leaveField, "leave field"), (.help, "help"), (.quit, "quit")]
        case .codeEntry:
            commands = [(.editCode, "type code"), (.showHistory, "history"), (.help, "help"), (.quit, "quit")]
        case .loading: commands = [(.help, "help"), (.quit, "quit")]
        case .review:
            commands = [(.toggle, "toggle"), (.approve, "approve"), (.deny, "deny"), (.help, "help"), (.quit, "quit")]
        case .confirmApproval: commands = [(.confirm, "approve"), (.back, "back"), (.help, "help"), (.quit, "quit")]
        case .deny:
            commands = [(.previousReason, "reason"), (.submitDenial, "deny"), (.back, "back"), (.help, "help")]
        case .result: commands = [(.newCode, "new code"), (.showHistory, "history"), (.help, "help"), (.quit, "quit")]
        case .history where state.history.search.isTyping:
            commands = [(.submitSearch, "search"), (.cancelSearch, "cancel")]
        case .history:
            commands = [
                (.openDetail, "details"), (.search, "search"), (.nextPane, "grants"), (.back, "back"), (.help, "help"),
            ]
        case .historyDetail: commands = [(.nextItem, "scroll"), (.back, "back"), (.help, "help"), (.quit, "quit")]
        case .activeGrants:
            commands = [(.revoke, "revoke"), (.nextPane, "keys"), (.back, "back"), (.help, "help"), (.quit, "quit")]
        case .revokeGrant: commands = [(.confirmRevoke, "revoke"), (.back, "back")]
        case .keys:
            commands = [
                (.rotateKey, "rotate"), (.nextPane, "inbox"), (.back, "back"), (.help, "help"), (.quit, "quit"),
            ]
        case .rotateKey: commands = [(.confirmRotate, "rotate"), (.back, "back"), (.help, "help")]
        case .inbox: commands = inboxHints(state)
        }
        return keymap(for: state).hints(commands)
    }
}
