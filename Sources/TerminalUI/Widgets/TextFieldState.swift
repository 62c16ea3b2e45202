/// The text and cursor of a single-line `TextField`, kept in the program's state and edited with
/// `handle(_:)`.
public struct TextFieldState: Hashable, Sendable {
    /// The current text.
    public private(set) var text: String
    /// Cursor position, as a count of grapheme clusters before it (0...text.count).
    public private(set) var cursor: Int
    /// Maximum number of characters; nil for no limit.
    public var maxLength: Int?

    /// Creates a field holding `text` with the cursor at its end.
    public init(text: String = "", maxLength: Int? = nil) {
        let clean = TextFieldState.clean(text, maxLength: maxLength)
        self.text = clean
        self.cursor = clean.count
        self.maxLength = maxLength
    }

    /// Applies an editing key and then `formatter` (if any) to the text. Printable characters and
    /// pastes insert at the cursor; Backspace/Delete, ←/→, Home/End, Ctrl-A/E move or delete; Ctrl-U
    /// clears to the start, Ctrl-K to the end, Ctrl-W deletes the previous word.
    ///
    /// The formatter lets callers format as the user types (e.g. insert a dash in a code). The cursor
    /// keeps the same number of letters and digits before it across formatting.
    /// - Returns: true when the key was an editing key (consumed), false otherwise.
    @discardableResult
    public mutating func handle(_ key: Key, formatter: (@Sendable (String) -> String)? = nil) -> Bool {
        var characters = Array(text)
        var position = cursor
        switch key {
        case .character(let character):
            guard DisplayWidth.of(character) > 0 else { return false }
            characters.insert(character, at: position)
            position += 1
        case .paste(let pasted):
            let insert = Array(TextFieldState.clean(pasted, maxLength: nil))
            characters.insert(contentsOf: insert, at: position)
            position += insert.count
        case .backspace:
            guard position > 0 else { return true }
            characters.remove(at: position - 1)
            position -= 1
        case .delete:
            guard position < characters.count else { return true }
            characters.remove(at: position)
        case .left:
            position = max(0, position - 1)
        case .right:
            position = min(characters.count, position + 1)
        case .home, .ctrl("a"):
            position = 0
        case .end, .ctrl("e"):
            position = characters.count
        case .ctrl("u"):
            characters.removeFirst(position)
            position = 0
        case .ctrl("k"):
            characters.removeLast(characters.count - position)
        case .ctrl("w"):
            var start = position
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<position)
            position = start
        default:
            return false
        }
        setText(String(characters), cursor: position, formatter: formatter)
        return true
    }

    /// Replaces the text (cleaned and formatted) and puts the cursor at its end.
    public mutating func setText(_ newText: String, formatter: (@Sendable (String) -> String)? = nil) {
        setText(newText, cursor: newText.count, formatter: formatter)
    }

    private mutating func setText(_ raw: String, cursor rawCursor: Int, formatter: (@Sendable (String) -> String)?) {
        let before = Array(raw).prefix(rawCursor)
        let significantBefore = before.filter(TextFieldState.isSignificant).count
        let atEnd = rawCursor >= raw.count
        let formatted = TextFieldState.clean(formatter?(raw) ?? raw, maxLength: maxLength)
        text = formatted
        if atEnd || formatter == nil {
            cursor = atEnd ? formatted.count : min(rawCursor, formatted.count)
            return
        }
        var count = 0
        var position = 0
        for character in formatted {
            if count == significantBefore { break }
            if TextFieldState.isSignificant(character) { count += 1 }
            position += 1
        }
        cursor = position
    }

    private static func isSignificant(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// Single line, no controls, at most `maxLength` characters.
    private static func clean(_ text: String, maxLength: Int?) -> String {
        let line = String(
            TextSanitizer.sanitize(text).filter { DisplayWidth.of($0) > 0 && $0 != TextSanitizer.placeholder })
        guard let maxLength else { return line }
        return String(line.prefix(max(0, maxLength)))
    }
}
