import GRDB

/// The AS schema. Migrations are named and append-only: never edit one that has shipped, add a new one.
enum ASMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-26-accounts-and-devices") { db in
            try db.execute(
                sql: """
                    CREATE TABLE accounts (
                        id TEXT PRIMARY KEY NOT NULL,
                        username TEXT NOT NULL UNIQUE,
                        display_name TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('user', 'admin')),
                        opaque_subject TEXT NOT NULL UNIQUE,
                        email TEXT,
                        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE enrollment_codes (
                        code_hash TEXT PRIMARY KEY NOT NULL,
                        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        used_at INTEGER
                    );
                    CREATE TABLE approver_devices (
                        id TEXT PRIMARY KEY NOT NULL,
                        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        jwk TEXT NOT NULL,
                        thumbprint TEXT NOT NULL UNIQUE,
                        enrolled_at INTEGER NOT NULL,
                        last_seen_at INTEGER,
                        revoked_at INTEGER
                    );
                    CREATE INDEX approver_devices_account ON approver_devices(account_id);
                    CREATE TABLE secrets (
                        name TEXT PRIMARY KEY NOT NULL,
                        value BLOB NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("2026-11-26-grants-and-tokens") { db in
            try db.execute(
                sql: """
                    CREATE TABLE client_instances (
                        id TEXT PRIMARY KEY NOT NULL,
                        key_thumbprint TEXT NOT NULL,
                        key TEXT NOT NULL,
                        display TEXT,
                        created_at INTEGER NOT NULL
                    );
                    CREATE INDEX client_instances_thumbprint ON client_instances(key_thumbprint);
                    CREATE TABLE grants (
                        id TEXT PRIMARY KEY NOT NULL,
                        instance_id TEXT NOT NULL REFERENCES client_instances(id),
                        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'finalized')),
                        outcome TEXT CHECK (outcome IN ('issued', 'denied', 'expired', 'cancelled')),
                        client_name TEXT,
                        approver_account_id TEXT REFERENCES accounts(id),
                        user_code_hash TEXT UNIQUE,
                        continuation_token_hash TEXT NOT NULL UNIQUE,
                        created_at INTEGER NOT NULL,
                        interaction_expires_at INTEGER NOT NULL,
                        record TEXT NOT NULL
                    );
                    CREATE INDEX grants_status ON grants(status, created_at);
                    CREATE TABLE access_tokens (
                        id TEXT PRIMARY KEY NOT NULL,
                        grant_id TEXT NOT NULL REFERENCES grants(id),
                        token_hash TEXT NOT NULL UNIQUE,
                        label TEXT,
                        access TEXT NOT NULL,
                        flags TEXT NOT NULL,
                        bound_key_thumbprint TEXT,
                        issued_at INTEGER NOT NULL,
                        expires_at INTEGER,
                        revoked_at INTEGER
                    );
                    CREATE INDEX access_tokens_grant ON access_tokens(grant_id);
                    """)
        }
        migrator.registerMigration("2026-11-26-audit-log") { db in
            // Append-only: the triggers make UPDATE and DELETE fail, so history cannot be rewritten by mistake.
            try db.execute(
                sql: """
                    CREATE TABLE audit_events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        grant_id TEXT REFERENCES grants(id),
                        at INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        detail TEXT NOT NULL,
                        account_id TEXT
                    );
                    CREATE INDEX audit_events_grant ON audit_events(grant_id, id);
                    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    """)
        }
        migrator.registerMigration("2026-11-27-token-management") { db in
            // RFC 9635 §6: tokens get a management token and keep their own bound key, which rotation can change.
            try db.execute(
                sql: """
                    ALTER TABLE access_tokens ADD COLUMN management_token_hash TEXT;
                    ALTER TABLE access_tokens ADD COLUMN bound_key TEXT;
                    CREATE UNIQUE INDEX access_tokens_management ON access_tokens(management_token_hash);
                    """)
        }
        migrator.registerMigration("2026-11-28-account-updated-at") { db in
            // RFC 9635 §3.4 `updated_at`: when the account's information last changed; existing accounts start at
            // their creation.
            try db.execute(
                sql: """
                    ALTER TABLE accounts ADD COLUMN updated_at INTEGER;
                    UPDATE accounts SET updated_at = created_at;
                    """)
        }
        migrator.registerMigration("2026-11-28-registered-clients") { db in
            // RFC 9635 §2.3: client instances the operator registered (`serve --clients`); their display is vetted
            // while they are listed (`registered`). `origin` keeps where the identifier came from, so an operator
            // cannot take over a dynamic instance's identifier.
            try db.execute(
                sql: """
                    ALTER TABLE client_instances ADD COLUMN registered INTEGER NOT NULL DEFAULT 0
                        CHECK (registered IN (0, 1));
                    ALTER TABLE client_instances ADD COLUMN origin TEXT NOT NULL DEFAULT 'dynamic'
                        CHECK (origin IN ('dynamic', 'registry'));
                    """)
        }
        migrator.registerMigration("2026-11-29-interaction-urls") { db in
            // RFC 9635 §3.3.1/§3.3.2: grants with the `redirect`/`app` start modes are found by their interaction id.
            try db.execute(
                sql: """
                    ALTER TABLE grants ADD COLUMN interaction_id_hash TEXT;
                    CREATE UNIQUE INDEX grants_interaction_id ON grants(interaction_id_hash);
                    """)
        }
        migrator.registerMigration("2026-11-29-audit-actor-and-request") { db in
            // Who acted and in which HTTP request; the log stays append-only (the triggers above still apply).
            try db.execute(
                sql: """
                    ALTER TABLE audit_events ADD COLUMN actor TEXT;
                    ALTER TABLE audit_events ADD COLUMN request_id TEXT;
                    CREATE INDEX audit_events_kind ON audit_events(kind, id);
                    CREATE INDEX grants_approver ON grants(approver_account_id, created_at);
                    CREATE INDEX grants_instance ON grants(instance_id, created_at);
                    """)
        }
        migrator.registerMigration("2026-11-29-enrollment-code-expiry") { db in
            // When the expiry service noted that an unused enrollment code expired (once, with an audit event).
            try db.execute(sql: "ALTER TABLE enrollment_codes ADD COLUMN expired_at INTEGER")
        }
        migrator.registerMigration("2026-12-02-inbox") { db in try InboxSchema.create(db) }
        migrator.registerMigration("2026-12-07-resource-servers") { db in
            // RFC 9767 §3.2, §3.4: the resource servers the AS knows (pre-registered from `serve --resource-servers`,
            // origin 'registry', or trusted on first use, origin 'dynamic'; one RS per key) and the resource sets they
            // registered. Tokens keep their format (§2.2), audience and subject (§2.1), and the token a derived token
            // was made from (§4).
            try db.execute(
                sql: """
                    CREATE TABLE resource_servers (
                        id TEXT PRIMARY KEY NOT NULL,
                        key_thumbprint TEXT NOT NULL UNIQUE,
                        key TEXT NOT NULL,
                        display_name TEXT,
                        access_types TEXT NOT NULL,
                        locations TEXT NOT NULL,
                        references_served TEXT NOT NULL,
                        registered INTEGER NOT NULL DEFAULT 0 CHECK (registered IN (0, 1)),
                        origin TEXT NOT NULL CHECK (origin IN ('dynamic', 'registry')),
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE resource_sets (
                        reference TEXT PRIMARY KEY NOT NULL,
                        resource_server_id TEXT NOT NULL REFERENCES resource_servers(id),
                        access TEXT NOT NULL,
                        token_formats TEXT,
                        introspection_required INTEGER NOT NULL CHECK (introspection_required IN (0, 1)),
                        created_at INTEGER NOT NULL
                    );
                    CREATE INDEX resource_sets_server ON resource_sets(resource_server_id, created_at);
                    ALTER TABLE access_tokens ADD COLUMN format TEXT;
                    ALTER TABLE access_tokens ADD COLUMN audience TEXT;
                    ALTER TABLE access_tokens ADD COLUMN subject TEXT;
                    ALTER TABLE access_tokens ADD COLUMN parent_token_id TEXT REFERENCES access_tokens(id);
                    CREATE INDEX access_tokens_parent ON access_tokens(parent_token_id);
                    """)
        }
        migrator.registerMigration("2026-12-07-signature-nonces-and-code-attempts") { db in
            // The replay cache and the code-entry counts live in the database, so that they survive a restart and
            // are the same for every instance. Expired rows are purged in small batches by the expiry service.
            try db.execute(
                sql: """
                    CREATE TABLE signature_nonces (
                        key_id TEXT NOT NULL,
                        nonce TEXT NOT NULL,
                        expires_at INTEGER NOT NULL,
                        PRIMARY KEY (key_id, nonce)
                    ) WITHOUT ROWID;
                    CREATE INDEX signature_nonces_key_expiry ON signature_nonces(key_id, expires_at);
                    CREATE INDEX signature_nonces_expiry ON signature_nonces(expires_at);
                    CREATE TABLE code_attempts (
                        id TEXT PRIMARY KEY NOT NULL,
                        device_id TEXT NOT NULL,
                        at INTEGER NOT NULL
                    );
                    CREATE INDEX code_attempts_device ON code_attempts(device_id, at);
                    CREATE INDEX code_attempts_at ON code_attempts(at);
                    """)
        }
        migrator.registerMigration("2026-12-08-grant-listing-order") { db in
            // The admin listing pages newest first by (created_at, id): with this index a page is a range read of
            // its own rows, not a sort of the whole table (see `grants(_:)`).
            try db.execute(sql: "CREATE INDEX grants_created ON grants(created_at, id)")
        }
        migrator.registerMigration("2026-12-09-partial-grant-indexes") { db in
            // Decision 71: most grants have no approver yet, no inbox and no interaction id, and each of these
            // indexes took an entry for them all the same, one more B-tree write per grant. Every query on them
            // names a value (`= ?`), which implies IS NOT NULL, so SQLite still uses them (PartialIndexPlanTests).
            try db.execute(
                sql: """
                    DROP INDEX grants_approver;
                    CREATE INDEX grants_approver ON grants(approver_account_id, created_at)
                        WHERE approver_account_id IS NOT NULL;
                    DROP INDEX grants_inbox;
                    CREATE INDEX grants_inbox ON grants(inbox_account_id, status, created_at)
                        WHERE inbox_account_id IS NOT NULL;
                    DROP INDEX grants_inbox_client;
                    CREATE INDEX grants_inbox_client ON grants(instance_id, inbox_account_id, inbox_decided_at)
                        WHERE inbox_account_id IS NOT NULL;
                    DROP INDEX grants_interaction_id;
                    CREATE UNIQUE INDEX grants_interaction_id ON grants(interaction_id_hash)
                        WHERE interaction_id_hash IS NOT NULL;
                    """)
        }
        return migrator
    }
}
