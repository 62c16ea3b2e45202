/// Bracketed paste (xterm's mode 2004, also in tmux, VTE, kitty, iTerm2 and Windows Terminal): while the mode is
/// on, the terminal sends a paste between `ESC [ 200 ~` and `ESC [ 201 ~`, so that a program can take pasted text
/// as one `Key.paste` instead of as keys typed one by one (a pasted link must not be read as a code typed letter by
/// letter, nor a pasted newline as Enter).
enum BracketedPaste {
    /// Turns the mode on; sent when curses starts.
    static let enable = "\u{1B}[?2004h"
    /// Turns it off; sent when the terminal is restored (also from a signal handler).
    static let disable = "\u{1B}[?2004l"
    /// What follows the Escape that starts a paste.
    static let startAfterEscape: [Character] = ["[", "2", "0", "0", "~"]
    /// What ends a paste.
    static let end: [Character] = ["\u{1B}", "[", "2", "0", "1", "~"]
    /// The longest paste kept (a megabyte of characters); the rest is dropped.
    static let maximumLength = 1 << 20

    /// The content of a paste so far, fed one character at a time after the start marker.
    struct Content {
        private var text: [Character] = []
        private var matched = 0

        /// Takes the next character; returns the whole content once the end marker (not part of it) is complete.
        /// Carriage returns become line feeds.
        mutating func feed(_ character: Character) -> String? {
            if character == end[matched] {
                matched += 1
                return matched == end.count ? String(text) : nil
            }
            // A partial end marker that did not complete is content after all.
            if matched > 0 {
                append(contentsOf: end.prefix(matched))
                matched = 0
                if character == end[0] {
                    matched = 1
                    return nil
                }
            }
            append(contentsOf: [character == "\r" ? "\n" : character])
            return nil
        }

        /// What arrived so far, for a paste whose end never came.
        var partial: String { String(text + end.prefix(matched)) }

        private mutating func append(contentsOf characters: some Collection<Character>) {
            guard text.count < maximumLength else { return }
            text.append(contentsOf: characters)
        }
    }
}
