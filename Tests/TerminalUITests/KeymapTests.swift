import TerminalUI
import Testing

@Suite struct KeymapTests {
    enum Command: Hashable, Sendable {
        case up, down, toggle, approve, help, quit, search
    }

    private let global = Keymap<Command>([
        .init([.character("?"), .function(1)], .help, help: "Show this help", group: "Global"),
        .init([.ctrl("c"), .character("q")], .quit, help: "Quit", group: "Global"),
    ])

    private let review = Keymap<Command>([
        .init([.up, .character("k")], .up, help: "Previous right", group: "Review"),
        .init([.down, .character("j")], .down, help: "Next right", group: "Review"),
        .init([.space], .toggle, help: "Include or exclude the right", group: "Review"),
        .init([.character("a")], .approve, help: "Approve the selection", group: "Review"),
    ])

    @Test func lookupFindsTheCommandOfEveryKey() {
        let keymap = review.merged(with: global)
        #expect(keymap.command(for: .up) == .up)
        #expect(keymap.command(for: .character("k")) == .up)
        #expect(keymap.command(for: .space) == .toggle)
        #expect(keymap.command(for: .ctrl("c")) == .quit)
        #expect(keymap.command(for: .function(1)) == .help)
        #expect(keymap.command(for: .character("x")) == nil)
        #expect(keymap.command(for: .character("K")) == nil)  // exact matching
        #expect(keymap.keys(for: .quit) == [.ctrl("c"), .character("q")])
        #expect(keymap.duplicateKeys.isEmpty)
    }

    @Test func keyNamesAreHumanReadable() {
        #expect([Key.up, .character("k")].displayName == "↑/k")
        #expect(Key.ctrl("c").displayName == "Ctrl-C")
        #expect(Key.control("C") == .ctrl("c"))
        #expect(Key.space.displayName == "Space")
        #expect(Key.escape.displayName == "Esc")
        #expect(Key.character("?").displayName == "?")
        #expect(Key.backTab.displayName == "Shift-Tab")
        #expect(Key.function(10).displayName == "F10")
        #expect(Key.pageDown.displayName == "PgDn")
        #expect(Key.character("\u{1B}").displayName == "�")
    }

    @Test func helpIsGeneratedFromTheTable() {
        let sections = review.merged(with: global).helpSections
        #expect(sections.map(\.title) == ["Review", "Global"])
        #expect(sections[0].entries.first == HelpSection.Entry(keys: "↑/k", help: "Previous right"))
        #expect(
            sections[1].entries == [
                HelpSection.Entry(keys: "?/F1", help: "Show this help"),
                HelpSection.Entry(keys: "Ctrl-C/q", help: "Quit"),
            ])
    }

    @Test func aBindingAddedToTheTableAppearsInTheOverlay() {
        let before = render(HelpOverlay(sections: review.merged(with: global).helpSections))
        #expect(!before.contains("Search"))
        let extended = Keymap<Command>(
            review.entries + [.init([.character("/")], .search, help: "Search rights", group: "Review")]
        ).merged(with: global)
        #expect(extended.command(for: .character("/")) == .search)
        let after = render(HelpOverlay(sections: extended.helpSections))
        #expect(after.contains("/         Search rights"))
    }

    @Test func screenBindingsShadowGlobalOnesInDispatchAndHelp() {
        let screen = Keymap<Command>([.init([.character("q")], .search, help: "Quick search", group: "Screen")])
        let keymap = screen.merged(with: global)
        #expect(keymap.command(for: .character("q")) == .search)
        #expect(keymap.command(for: .ctrl("c")) == .quit)
        let quit = keymap.helpSections.flatMap(\.entries).first { $0.help == "Quit" }
        #expect(quit?.keys == "Ctrl-C")  // help no longer claims q quits
        let onlyQ = Keymap<Command>([.init([.character("q")], .quit, help: "Quit", group: "Global")])
        // The global entry is left without keys, so it is dropped.
        #expect(screen.merged(with: onlyQ).helpSections.map(\.title) == ["Screen"])
    }

    @Test func duplicateKeysAreReported() {
        let keymap = Keymap<Command>([
            .init([.character("a")], .approve, help: "Approve"),
            .init([.character("a"), .enter], .toggle, help: "Toggle"),
        ])
        #expect(keymap.duplicateKeys == [.character("a")])
        #expect(keymap.command(for: .character("a")) == .approve)  // first entry wins
    }

    @Test func statusBarHintsComeFromTheTable() {
        let keymap = review.merged(with: global)
        let hints = keymap.hints([(.help, "help"), (.quit, "quit")])
        #expect(hints == [StatusBar.Hint(key: "?", label: "help"), StatusBar.Hint(key: "Ctrl-C", label: "quit")])
    }

    private func render(_ overlay: HelpOverlay) -> String {
        var canvas = Canvas(size: Size(width: 80, height: 24))
        canvas.draw(overlay, in: canvas.bounds)
        return VirtualTerminal.renderText(canvas)
    }
}
