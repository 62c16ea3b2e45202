import PostgresNIO

extension PostgresMigrations {
    /// Asynchronous requests (RFC 9635 §1.6.3), their limits (§13) and standing access (§1.6.4): the grant columns
    /// and tables of the SQLite migration `2026-12-02-inbox`.
    static let inbox = Migration(
        name: "2026-12-07-inbox",
        statements: [
            "ALTER TABLE grants ADD COLUMN inbox_account_id TEXT REFERENCES accounts(id)",
            "ALTER TABLE grants ADD COLUMN inbox_fingerprint TEXT",
            """
            ALTER TABLE grants ADD COLUMN inbox_decision TEXT CHECK (inbox_decision IN ('approved', 'denied'))
            """,
            "ALTER TABLE grants ADD COLUMN inbox_decided_at BIGINT",
            "ALTER TABLE grants ADD COLUMN granted_by_policy BOOLEAN NOT NULL DEFAULT false",
            "CREATE INDEX grants_inbox ON grants(inbox_account_id, status, created_at)",
            "CREATE INDEX grants_inbox_client ON grants(instance_id, inbox_account_id, inbox_decided_at)",
            "CREATE INDEX grants_policy ON grants(granted_by_policy, created_at)",
            """
            CREATE TABLE inbox_requests (
                id BIGSERIAL PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES client_instances(id),
                account_id TEXT NOT NULL REFERENCES accounts(id),
                grant_id TEXT NOT NULL REFERENCES grants(id),
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX inbox_requests_pair ON inbox_requests(instance_id, account_id, at)",
            """
            CREATE TABLE inbox_lifts (
                instance_id TEXT NOT NULL REFERENCES client_instances(id),
                account_id TEXT NOT NULL REFERENCES accounts(id),
                lifted_at BIGINT NOT NULL,
                PRIMARY KEY (instance_id, account_id)
            )
            """,
            """
            CREATE TABLE inbox_deliveries (
                grant_id TEXT NOT NULL REFERENCES grants(id),
                device_id TEXT NOT NULL REFERENCES approver_devices(id),
                delivered_at BIGINT NOT NULL,
                PRIMARY KEY (grant_id, device_id)
            )
            """,
        ])
}
