import GRDB

/// The terminal side's schema (approver identity, decision history, client keys, a device's grant). Named, append-only migrations.
enum LocalMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-26-approver-and-client-keys") { db in
            try db.execute(
                sql: """
                    CREATE TABLE approver_identities (
                        server TEXT PRIMARY KEY NOT NULL,
                        device_id TEXT NOT NULL,
                        private_jwk TEXT NOT NULL,
                        username TEXT NOT NULL,
                        display_name TEXT NOT NULL,
                        enrolled_at INTEGER NOT NULL
                    );
                    CREATE TABLE client_keys (
                        name TEXT PRIMARY KEY NOT NULL,
                        private_jwk TEXT NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("2026-11-26-decision-history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE decisions (
                        id TEXT PRIMARY KEY NOT NULL,
                        decided_at INTEGER NOT NULL,
                        server TEXT NOT NULL,
                        grant_id TEXT NOT NULL,
                        client_name TEXT NOT NULL,
                        client_uri TEXT,
                        key_thumbprint TEXT NOT NULL,
                        decision TEXT NOT NULL CHECK (decision IN ('approved', 'denied')),
                        granted_rights TEXT NOT NULL,
                        withheld_rights TEXT NOT NULL,
                        released_subject TEXT NOT NULL,
                        reason TEXT
                    );
                    CREATE INDEX decisions_time ON decisions(decided_at);
                    """)
        }
        migrator.registerMigration("2026-11-30-decision-search") { db in try LocalSearchSchema.create(db) }
        migrator.registerMigration("2026-11-30-sealed-approver-keys") { db in
            // A sealed key: the private JWK encrypted under a passphrase (scrypt + AES-GCM). While sealed,
            // approver_identities.private_jwk holds only the public JWK.
            try db.execute(
                sql: """
                    CREATE TABLE sealed_approver_keys (
                        server TEXT PRIMARY KEY NOT NULL
                            REFERENCES approver_identities(server) ON DELETE CASCADE,
                        envelope TEXT NOT NULL,
                        sealed_at INTEGER NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("2026-12-01-device-grants") { db in
            try db.execute(
                sql: """
                    CREATE TABLE device_grants (
                        name TEXT PRIMARY KEY NOT NULL,
                        server TEXT NOT NULL,
                        record TEXT NOT NULL,
                        received_at INTEGER NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("2026-12-10-decision-access-objects") { db in
            // The rights as RFC 9635 access objects (JSON arrays) beside their renderings, for `history --json`;
            // NULL in the decisions recorded before.
            try db.execute(
                sql: """
                    ALTER TABLE decisions ADD COLUMN granted_access TEXT;
                    ALTER TABLE decisions ADD COLUMN withheld_access TEXT;
                    """)
        }
        migrator.registerMigration("2026-12-11-ordered-decision-search") { db in try LocalSearchSchema.order(db) }
        migrator.registerMigration("2026-12-12-decision-search-vocabulary") { db in
            try LocalSearchSchema.createVocabulary(db)
        }
        return migrator
    }
}
