import GRDB

/// FTS5 answers a prefix query (`"kiosk"*`) by merging the whole doclist of every term with that prefix before it
/// can walk a single match, so its cost grows with the number of matching decisions, whatever the limit. A query of
/// exact terms (`("kiosk" OR "kiosks")`) is walked lazily in rowid order and stops at the limit. This turns each
/// typed word into the exact terms of the index that start with it, read from the index's vocabulary, whenever
/// that is possible without changing the result (docs/performance.md, "history at scale").
extension LocalSearchSchema {
    /// The vocabulary of ``search``'s index, one row per distinct term (fts5vocab, type `row`).
    static func createVocabulary(_ db: Database) throws {
        try db.execute(sql: "CREATE VIRTUAL TABLE decisions_search_vocab USING fts5vocab(decisions_search, 'row')")
    }

    /// Most exact terms one word is expanded into; a word with more keeps its prefix form.
    static let maximumExpansion = 64

    /// The FTS5 query for what a person typed, with every word that can be expanded turned into its exact terms.
    /// `.everything` when there is no word, `.nothing` when some word starts no term of the index (every word must
    /// match, so nothing can).
    static func match(for text: String, in db: Database) throws -> Match {
        let words = text.split { $0.isWhitespace }
        guard !words.isEmpty else { return .everything }
        var parts: [String] = []
        for word in words {
            guard let prefix = asciiTerm(word) else {
                parts.append(prefixQuery(word))
                continue
            }
            let terms = try String.fetchAll(
                db,
                sql: "SELECT term FROM decisions_search_vocab WHERE term >= ? AND term < ? LIMIT ?",
                arguments: [prefix, upperBound(of: prefix), maximumExpansion + 1])
            if terms.isEmpty { return .nothing }
            if terms.count > maximumExpansion {
                parts.append(prefixQuery(word))
            } else {
                parts.append("(" + terms.map { "\"\($0)\"" }.joined(separator: " OR ") + ")")
            }
        }
        return .query(parts.joined(separator: " AND "))
    }

    enum Match: Equatable {
        case everything
        case nothing
        case query(String)
    }

    /// A word of ASCII letters and digits only is one token of the `unicode61` tokenizer, and its term is the word
    /// in lowercase (the tokenizer folds case; such a word has no diacritics to remove). Any other word may be
    /// several tokens or be folded differently, so it keeps its prefix form.
    static func asciiTerm(_ word: Substring) -> String? {
        let isTermCharacter: (UInt8) -> Bool = { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard !word.isEmpty, word.utf8.allSatisfy(isTermCharacter) else { return nil }
        return word.lowercased()
    }

    /// The least text greater than every text that starts with `prefix` (an ASCII term: its last byte is below 0x7F).
    static func upperBound(of prefix: String) -> String {
        var bytes = Array(prefix.utf8)
        bytes[bytes.count - 1] += 1
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The word as FTS5 text that matches it as a word or the start of one (``query(for:)``).
    static func prefixQuery(_ word: Substring) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"*"
    }
}
