/// Positions in a two-column key (the signature nonces' key and nonce) as one cursor string.
public enum TransferCursor {
    private static let separator: Character = "\u{1F}"

    public static func pair(_ first: String, _ second: String) -> String { first + String(separator) + second }

    /// The two parts of a cursor made by ``pair(_:_:)``; empty strings (before every row) for nil.
    public static func pair(_ cursor: String?) -> (String, String) {
        guard let cursor, let index = cursor.firstIndex(of: separator) else { return ("", "") }
        return (String(cursor[..<index]), String(cursor[cursor.index(after: index)...]))
    }
}
