import TerminalUI

extension ApproverKeymaps {
    static let inbox = Map([
        .init([.up, .character("k")], .previousItem, help: "Previous request", group: "Inbox"),
        .init([.down, .character("j")], .nextItem, help: "Next request", group: "Inbox"),
        .init([.pageUp], .pageUp, help: "Page up", group: "Inbox"),
        .init([.pageDown], .pageDown, help: "Page down", group: "Inbox"),
        .init([.home, .character("g")], .top, help: "Newest request", group: "Inbox"),
        .init([.end, .character("G")], .bottom, help: "Oldest request", group: "Inbox"),
        .init([.enter], .openDetail, help: "Review the request: approve all or part, or deny", group: "Inbox"),
        .init([.character("u")], .liftBlock, help: "Lift the block of the selected client", group: "Inbox"),
        .init([.escape], .back, help: "Back to code entry (not with --watch)", group: "Inbox"),
    ])

    /// The status bar hints of the inbox pane.
    static func inboxHints(_ state: ApproverState) -> [(ApproverCommand, String)] {
        var commands: [(ApproverCommand, String)] = [(.openDetail, "review")]
        if state.inbox.selectedBlock != nil { commands = [(.liftBlock, "lift block")] }
        commands += [(.nextPane, "history"), (.help, "help"), (.quit, "quit")]
        return commands
    }
}
