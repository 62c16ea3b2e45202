/// One input event: a key press, a mouse event, a terminal resize or a paste.
///
/// Keys are matched exactly (they are `Hashable`), so drivers normalize what they read: Enter is
/// `.enter` (never `.ctrl("m")`), Tab is `.tab`, and control combinations are `.ctrl` with a
/// lower-case letter. Use `Key.control(_:)` to build one from any case.
public enum Key: Hashable, Sendable {
    /// A printable character (space included).
    case character(Character)
    case enter
    case escape
    case tab
    /// Shift-Tab.
    case backTab
    case backspace
    case delete
    case insert
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    /// F1…F12 (or more).
    case function(Int)
    /// Ctrl plus a lower-case letter (or one of `@[\]^_`).
    case ctrl(Character)
    /// A mouse event.
    case mouse(MouseEvent)
    /// The terminal now has this size.
    case resize(Size)
    /// Printable text that arrived all at once (a paste).
    case paste(String)

    /// `.ctrl` with the letter lower-cased: `Key.control("C") == .ctrl("c")`.
    public static func control(_ letter: Character) -> Key {
        .ctrl(Character(letter.lowercased()))
    }

    /// The space bar.
    public static let space = Key.character(" ")

    /// A short human name: "a", "Space", "Enter", "Esc", "Tab", "Shift-Tab", "↑", "PgDn", "F1",
    /// "Ctrl-C", "Mouse", "Resize", "Paste".
    public var displayName: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return TextSanitizer.sanitize(String(character))
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let number): return "F\(number)"
        case .ctrl(let letter): return "Ctrl-" + TextSanitizer.sanitize(letter.uppercased())
        case .mouse: return "Mouse"
        case .resize: return "Resize"
        case .paste: return "Paste"
        }
    }

    /// The printable character, if this is a `.character` key.
    public var character: Character? {
        if case .character(let character) = self { return character }
        return nil
    }
}

extension Key: CustomStringConvertible {
    /// Same as `displayName`.
    public var description: String { displayName }
}

extension [Key] {
    /// The keys' names joined with "/", as shown in help: "↑/k".
    public var displayName: String {
        map(\.displayName).joined(separator: "/")
    }
}
