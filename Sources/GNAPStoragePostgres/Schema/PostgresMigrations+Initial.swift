import PostgresNIO

extension PostgresMigrations {
    /// Accounts, devices, enrollment codes, secrets, client instances, grants, tokens and the audit log, as the
    /// SQLite schema has them after its migrations of 2026-11.
    static let initialSchema = Migration(
        name: "2026-12-07-initial-schema",
        statements: [
            """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('user', 'admin')),
                opaque_subject TEXT NOT NULL UNIQUE,
                email TEXT,
                disabled BOOLEAN NOT NULL DEFAULT false,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE enrollment_codes (
                code_hash TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT,
                expired_at BIGINT
            )
            """,
            "CREATE INDEX enrollment_codes_account ON enrollment_codes(account_id)",
            """
            CREATE TABLE approver_devices (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                jwk TEXT NOT NULL,
                thumbprint TEXT NOT NULL UNIQUE,
                enrolled_at BIGINT NOT NULL,
                last_seen_at BIGINT,
                revoked_at BIGINT
            )
            """,
            "CREATE INDEX approver_devices_account ON approver_devices(account_id)",
            "CREATE TABLE secrets (name TEXT PRIMARY KEY, value BYTEA NOT NULL)",
            """
            CREATE TABLE client_instances (
                id TEXT PRIMARY KEY,
                key_thumbprint TEXT NOT NULL,
                key TEXT NOT NULL,
                display TEXT,
                created_at BIGINT NOT NULL,
                registered BOOLEAN NOT NULL DEFAULT false,
                origin TEXT NOT NULL DEFAULT 'dynamic' CHECK (origin IN ('dynamic', 'registry'))
            )
            """,
            "CREATE INDEX client_instances_thumbprint ON client_instances(key_thumbprint)",
            """
            CREATE TABLE grants (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES client_instances(id),
                status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'finalized')),
                outcome TEXT CHECK (outcome IN ('issued', 'denied', 'expired', 'cancelled')),
                client_name TEXT,
                approver_account_id TEXT REFERENCES accounts(id),
                user_code_hash TEXT,
                continuation_token_hash TEXT NOT NULL,
                interaction_id_hash TEXT,
                created_at BIGINT NOT NULL,
                interaction_expires_at BIGINT NOT NULL,
                record TEXT NOT NULL
            )
            """,
            // Unique as partial indexes: PostgreSQL does not count those as keys a foreign key could use, so updating
            // the (rotating) hashes takes a FOR NO KEY UPDATE row lock, which does not block the FOR KEY SHARE locks
            // that inserting a grant's tokens and audit entries take in other transactions.
            "CREATE UNIQUE INDEX grants_user_code ON grants(user_code_hash) WHERE user_code_hash IS NOT NULL",
            """
            CREATE UNIQUE INDEX grants_continuation_token ON grants(continuation_token_hash)
                WHERE continuation_token_hash IS NOT NULL
            """,
            """
            CREATE UNIQUE INDEX grants_interaction_id ON grants(interaction_id_hash)
                WHERE interaction_id_hash IS NOT NULL
            """,
            "CREATE INDEX grants_status ON grants(status, created_at)",
            "CREATE INDEX grants_approver ON grants(approver_account_id, created_at)",
            "CREATE INDEX grants_instance ON grants(instance_id, created_at)",
            "CREATE INDEX grants_listing ON grants(created_at DESC, id DESC)",
            """
            CREATE TABLE access_tokens (
                id TEXT PRIMARY KEY,
                grant_id TEXT NOT NULL REFERENCES grants(id),
                token_hash TEXT NOT NULL UNIQUE,
                management_token_hash TEXT UNIQUE,
                label TEXT,
                access TEXT NOT NULL,
                flags TEXT NOT NULL,
                bound_key_thumbprint TEXT,
                bound_key TEXT,
                issued_at BIGINT NOT NULL,
                expires_at BIGINT,
                revoked_at BIGINT
            )
            """,
            "CREATE INDEX access_tokens_grant ON access_tokens(grant_id)",
            """
            CREATE TABLE audit_events (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                grant_id TEXT REFERENCES grants(id),
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                detail TEXT NOT NULL,
                account_id TEXT,
                actor TEXT,
                request_id TEXT
            )
            """,
            "CREATE INDEX audit_events_grant ON audit_events(grant_id, id)",
            "CREATE INDEX audit_events_kind ON audit_events(kind, id)",
            // Append-only: UPDATE, DELETE and TRUNCATE fail, so history cannot be rewritten by mistake.
            """
            CREATE FUNCTION gnapterm_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only';
            END
            $$
            """,
            """
            CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION gnapterm_audit_append_only()
            """,
            """
            CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
                FOR EACH STATEMENT EXECUTE FUNCTION gnapterm_audit_append_only()
            """,
            // Every instance's event streams are woken when any instance commits audit entries (LISTEN/NOTIFY; one
            // channel per schema).
            """
            CREATE FUNCTION gnapterm_audit_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('gnapterm_audit_' || current_schema(), '');
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER audit_events_notify AFTER INSERT ON audit_events
                FOR EACH STATEMENT EXECUTE FUNCTION gnapterm_audit_notify()
            """,
        ])

    /// The replay cache of signature nonces and the code-entry counts, shared by every instance.
    static let sharedInstanceState = Migration(
        name: "2026-12-07-signature-nonces-and-code-attempts",
        statements: [
            """
            CREATE TABLE signature_nonces (
                key_id TEXT NOT NULL,
                nonce TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                PRIMARY KEY (key_id, nonce)
            )
            """,
            "CREATE INDEX signature_nonces_key_expiry ON signature_nonces(key_id, expires_at)",
            "CREATE INDEX signature_nonces_expiry ON signature_nonces(expires_at)",
            """
            CREATE TABLE code_attempts (
                id TEXT PRIMARY KEY,
                device_id TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX code_attempts_device ON code_attempts(device_id, at)",
            "CREATE INDEX code_attempts_at ON code_attempts(at)",
        ])
}
