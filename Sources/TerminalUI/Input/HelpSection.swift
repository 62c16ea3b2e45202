/// A titled group of help lines, generated from a `Keymap` and drawn by `HelpOverlay`.
public struct HelpSection: Hashable, Sendable {
    /// One help line.
    public struct Entry: Hashable, Sendable {
        /// The keys, as shown: "↑/k".
        public var keys: String
        /// What they do.
        public var help: String

        /// Creates a help line.
        public init(keys: String, help: String) {
            self.keys = keys
            self.help = help
        }
    }

    /// Group title.
    public var title: String
    /// Lines in table order.
    public var entries: [Entry]

    /// Creates a section.
    public init(title: String, entries: [Entry]) {
        self.title = title
        self.entries = entries
    }
}
