/// "Did you mean …?" for a mistyped subcommand. Without it, `gnapterm serv` would run the default subcommand (the
/// demo), which then complains about an unexpected argument and prints the demo's usage.
public enum CommandSuggestion {
    /// A command and its subcommands, by name.
    public struct Tree: Sendable, Hashable {
        public var name: String
        public var subcommands: [Tree]

        public init(name: String, subcommands: [Tree] = []) {
            self.name = name
            self.subcommands = subcommands
        }
    }

    /// The message for `arguments` (without the program name) when a word where a subcommand goes names none:
    /// at the top level any such word (the default subcommand takes no words), deeper only one that is close to a
    /// subcommand's name (elsewhere a word may be an argument). Nil when the arguments are for ArgumentParser.
    public static func message(for arguments: [String], in root: Tree) -> String? {
        var command = root
        var path = [root.name]
        for (depth, word) in arguments.enumerated() {
            guard !command.subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            if let next = command.subcommands.first(where: { $0.name == word }) {
                command = next
                path.append(word)
                continue
            }
            let names = command.subcommands.map(\.name)
            let prefix = path.joined(separator: " ")
            if let closest = closest(to: word, in: names) {
                return "\(prefix): unknown command '\(word)'; did you mean '\(closest)'? "
                    + "(see '\(prefix) --help')"
            }
            guard depth == 0 else { return nil }
            return "\(prefix): unknown command '\(word)'; the commands are \(names.joined(separator: ", ")) "
                + "(see '\(prefix) --help')"
        }
        return nil
    }

    /// The name within two edits of `word` (or that begins with it), the nearest first; nil when none is that close.
    static func closest(to word: String, in names: [String]) -> String? {
        let lowered = word.lowercased()
        let scored = names.map { name in
            (name, name.hasPrefix(lowered) ? 0 : distance(lowered, name))
        }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= min(2, max(1, word.count / 2)) else {
            return nil
        }
        return best.0
    }

    /// The Levenshtein distance between two words.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
