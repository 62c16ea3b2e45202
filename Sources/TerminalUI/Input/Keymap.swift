/// The one table that maps keys to a program's commands and from which the help overlay is
/// generated, so help can never disagree with the bindings.
///
/// Screens that interpret keys differently use a keymap each, merged with a global one:
/// `screenKeys.merged(with: globalKeys)`. The screen's bindings win, and a global key they shadow
/// disappears from the global entry's help.
public struct Keymap<Command: Hashable & Sendable>: Sendable {
    /// One binding: some keys, the command they trigger, and how help describes it.
    public struct Entry: Sendable {
        /// The keys, first one shown first in help.
        public var keys: [Key]
        /// The command.
        public var command: Command
        /// What the command does, for the help overlay ("Approve the selected rights").
        public var help: String
        /// The help section the entry appears in ("Navigation", "Global").
        public var group: String
        /// False to keep the binding out of the help (rarely right).
        public var showsInHelp: Bool

        /// Creates an entry.
        public init(_ keys: [Key], _ command: Command, help: String, group: String = "Keys", showsInHelp: Bool = true) {
            self.keys = keys
            self.command = command
            self.help = help
            self.group = group
            self.showsInHelp = showsInHelp
        }
    }

    /// The table, in order; for a key bound twice the first entry wins.
    public private(set) var entries: [Entry]

    /// Creates a keymap from its table.
    public init(_ entries: [Entry]) {
        self.entries = entries
    }

    /// The command bound to `key`, if any.
    public func command(for key: Key) -> Command? {
        entries.first { $0.keys.contains(key) }?.command
    }

    /// Every key bound to `command`, in table order.
    public func keys(for command: Command) -> [Key] {
        entries.filter { $0.command == command }.flatMap(\.keys)
    }

    /// Keys that appear in more than one entry (a table mistake, worth a test).
    public var duplicateKeys: [Key] {
        var seen: Set<Key> = []
        var duplicates: [Key] = []
        for key in entries.flatMap(\.keys) where !seen.insert(key).inserted && !duplicates.contains(key) {
            duplicates.append(key)
        }
        return duplicates
    }

    /// This keymap with `fallback`'s entries after its own. Keys this keymap binds are removed from
    /// `fallback`'s entries (and entries left without keys are dropped), so dispatch and help agree.
    public func merged(with fallback: Keymap) -> Keymap {
        let own = Set(entries.flatMap(\.keys))
        let rest = fallback.entries.compactMap { entry -> Entry? in
            var copy = entry
            copy.keys.removeAll { own.contains($0) }
            return copy.keys.isEmpty ? nil : copy
        }
        return Keymap(entries + rest)
    }

    /// Help sections in order of first appearance of each group; entries in table order.
    public var helpSections: [HelpSection] {
        var sections: [HelpSection] = []
        for entry in entries where entry.showsInHelp && !entry.keys.isEmpty {
            let line = HelpSection.Entry(keys: entry.keys.displayName, help: entry.help)
            if let index = sections.firstIndex(where: { $0.title == entry.group }) {
                sections[index].entries.append(line)
            } else {
                sections.append(HelpSection(title: entry.group, entries: [line]))
            }
        }
        return sections
    }

    /// Short hints for a status bar: the first key of each entry whose command is in `commands`,
    /// in the order of `commands`, e.g. `[("?", "help"), ("q", "quit")]` with the given labels.
    public func hints(_ commands: [(Command, String)]) -> [StatusBar.Hint] {
        commands.compactMap { command, label in
            keys(for: command).first.map { StatusBar.Hint(key: $0.displayName, label: label) }
        }
    }
}
