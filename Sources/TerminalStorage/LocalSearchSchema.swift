import GRDB

/// The full-text index of the decision history (SQLite FTS5): one row per decision, kept in step by a trigger, so
/// that `/` in the approver app and `gnapterm history --search` find a decision by client, grant, rights, subject
/// formats, decision or reason.
enum LocalSearchSchema {
    /// The text indexed for a decision, one FTS column each. The rights and formats are stored as JSON arrays; the
    /// tokenizer splits them on punctuation, which is what a search wants.
    static let columns = """
        client_name, client_uri, grant_id, server, decision, reason, granted_rights, withheld_rights, released_subject
        """

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE decisions_search USING fts5(
                    decision_id UNINDEXED, \(columns),
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                INSERT INTO decisions_search (decision_id, \(columns))
                    SELECT id, \(columns) FROM decisions;
                CREATE TRIGGER decisions_search_insert AFTER INSERT ON decisions BEGIN
                    INSERT INTO decisions_search (decision_id, \(columns))
                    VALUES (new.id, new.client_name, new.client_uri, new.grant_id, new.server, new.decision,
                        new.reason, new.granted_rights, new.withheld_rights, new.released_subject);
                END;
                -- The history is a record of what was decided: it is never rewritten.
                CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions BEGIN
                    SELECT RAISE(ABORT, 'the decision history is append-only');
                END;
                """)
    }

    /// Replaces the index of ``create(_:)`` by one whose rowid is the decision's place in the history, so that
    /// `ORDER BY rowid DESC LIMIT n` walks the matches newest first and stops after `n` instead of collecting and
    /// sorting every match. The place is `decided_at * 65536 + k`, where `k` counts the earlier decisions of the
    /// same millisecond: the order of the listing (`decided_at DESC, rowid DESC`), unique as long as fewer than
    /// 65,536 decisions share one millisecond.
    static func order(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER decisions_search_insert;
                DROP TABLE decisions_search;
                CREATE VIRTUAL TABLE decisions_search USING fts5(
                    decision_id UNINDEXED, \(columns),
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                INSERT INTO decisions_search (rowid, decision_id, \(columns))
                    SELECT \(placeFactor) * decided_at
                            + ROW_NUMBER() OVER (PARTITION BY decided_at ORDER BY rowid) - 1,
                        id, \(columns)
                    FROM decisions;
                CREATE TRIGGER decisions_search_insert AFTER INSERT ON decisions BEGIN
                    INSERT INTO decisions_search (rowid, decision_id, \(columns))
                    VALUES (
                        \(placeFactor) * new.decided_at
                            + (SELECT COUNT(*) FROM decisions WHERE decided_at = new.decided_at) - 1,
                        new.id, new.client_name, new.client_uri, new.grant_id, new.server, new.decision,
                        new.reason, new.granted_rights, new.withheld_rights, new.released_subject);
                END;
                """)
    }

    /// The decisions of one millisecond that the history place can tell apart.
    static let placeFactor = 65_536

    /// The newest `limit` decisions matching an FTS5 query, newest first (see ``order(_:)``).
    static let search = """
        SELECT decisions.* FROM decisions_search
        JOIN decisions ON decisions.id = decisions_search.decision_id
        WHERE decisions_search MATCH ?
        ORDER BY decisions_search.rowid DESC LIMIT ?
        """

    /// An FTS5 query for what a person typed: every word must occur, as a word or the start of one, in any column.
    /// Each word is quoted, so FTS5 syntax in the input (`AND`, `*`, `:`, quotes, parentheses) is plain text and
    /// cannot make the query fail. Nil when there is no word.
    static func query(for text: String) -> String? {
        let words = text.split { $0.isWhitespace }.map(prefixQuery)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
