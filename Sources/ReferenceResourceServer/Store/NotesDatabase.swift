import Foundation
import GNAP
import GNAPStorage
import GRDB
import HTTPMessageSignatures

/// The reference RS's SQLite store in its data directory (file mode 0600: it holds the RS's private key): the notes
/// and the key the RS signs its calls to the AS with (RFC 9767 §3.2).
public struct NotesDatabase: Sendable {
    public static let fileName = "gnapterm-rs.sqlite"

    let writer: any DatabaseWriter

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    public static func open(directory: URL) throws -> NotesDatabase {
        let path = try DatabaseFile.prepare(directory: directory, fileName: fileName)
        return try NotesDatabase(writer: DatabaseQueue(path: path, configuration: DatabaseFile.configuration()))
    }

    public static func inMemory() throws -> NotesDatabase {
        try NotesDatabase(writer: DatabaseQueue(configuration: DatabaseFile.configuration()))
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-12-07-notes-and-key") { db in
            try db.execute(
                sql: """
                    CREATE TABLE notes (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        text TEXT NOT NULL,
                        author TEXT,
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE signing_key (
                        name TEXT PRIMARY KEY NOT NULL,
                        jwk TEXT NOT NULL
                    );
                    """)
        }
        return migrator
    }

    // MARK: Notes

    public func notes() async throws -> [Note] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM notes ORDER BY id").map(Note.init) }
    }

    public func note(id: Int64) async throws -> Note? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM notes WHERE id = ?", arguments: [id]).map(Note.init)
        }
    }

    public func addNote(text: String, author: String?, at now: WallInstant) async throws -> Note {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO notes (text, author, created_at) VALUES (?, ?, ?)",
                arguments: [text, author, now.unixMilliseconds])
            return Note(id: db.lastInsertedRowID, text: text, author: author, createdAt: now)
        }
    }

    /// Whether a note was deleted.
    public func deleteNote(id: Int64) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM notes WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    // MARK: The RS's key

    /// The RS's Ed25519 key, generated on first use; its `kid` is its RFC 7638 thumbprint.
    public func signingKey() async throws -> SigningKey {
        let stored = try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT jwk FROM signing_key WHERE name = 'rs'")
        }
        var key: SigningKey
        if let stored {
            key = try SigningKey(jwk: try GNAPJSON.decode(JWK.self, from: Array(stored.utf8)))
        } else {
            key = .generateEd25519()
            let jwk = String(decoding: try GNAPJSON.encode(try key.privateJWK()), as: UTF8.self)
            try await writer.write { db in
                try db.execute(sql: "INSERT INTO signing_key (name, jwk) VALUES ('rs', ?)", arguments: [jwk])
            }
        }
        key.keyID = try key.publicJWK().thumbprint()
        return key
    }
}

/// One note.
public struct Note: Sendable, Hashable, Codable {
    public var id: Int64
    public var text: String
    /// The resource owner of the token that wrote it, when the AS disclosed one.
    public var author: String?
    public var createdAt: WallInstant

    public init(id: Int64, text: String, author: String?, createdAt: WallInstant) {
        self.id = id
        self.text = text
        self.author = author
        self.createdAt = createdAt
    }

    init(row: Row) {
        self.init(
            id: row["id"], text: row["text"], author: row["author"],
            createdAt: WallInstant(unixMilliseconds: row["created_at"]))
    }

    private enum CodingKeys: String, CodingKey {
        case id, text, author
        case createdAt = "created_at"
    }
}
