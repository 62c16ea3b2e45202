import GNAP
import GRDB

/// The tables and grant columns of the inbox (``InboxStore``): asynchronous requests (RFC 9635 §1.6.3) and their
/// limits (§13), and standing access (§1.6.4).
enum InboxSchema {
    /// The migration `2026-12-02-inbox`. The grant columns are derived from the grant record by ``GrantRow`` on
    /// every write, so they cannot drift from it.
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE grants ADD COLUMN inbox_account_id TEXT REFERENCES accounts(id);
                ALTER TABLE grants ADD COLUMN inbox_fingerprint TEXT;
                ALTER TABLE grants ADD COLUMN inbox_decision TEXT CHECK (inbox_decision IN ('approved', 'denied'));
                ALTER TABLE grants ADD COLUMN inbox_decided_at INTEGER;
                ALTER TABLE grants ADD COLUMN granted_by_policy INTEGER NOT NULL DEFAULT 0
                    CHECK (granted_by_policy IN (0, 1));
                CREATE INDEX grants_inbox ON grants(inbox_account_id, status, created_at);
                CREATE INDEX grants_inbox_client ON grants(instance_id, inbox_account_id, inbox_decided_at);
                CREATE INDEX grants_policy ON grants(granted_by_policy, created_at);
                CREATE TABLE inbox_requests (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    instance_id TEXT NOT NULL REFERENCES client_instances(id),
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    grant_id TEXT NOT NULL REFERENCES grants(id),
                    at INTEGER NOT NULL
                );
                CREATE INDEX inbox_requests_pair ON inbox_requests(instance_id, account_id, at);
                CREATE TABLE inbox_lifts (
                    instance_id TEXT NOT NULL REFERENCES client_instances(id),
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    lifted_at INTEGER NOT NULL,
                    PRIMARY KEY (instance_id, account_id)
                );
                CREATE TABLE inbox_deliveries (
                    grant_id TEXT NOT NULL REFERENCES grants(id),
                    device_id TEXT NOT NULL REFERENCES approver_devices(id),
                    delivered_at INTEGER NOT NULL,
                    PRIMARY KEY (grant_id, device_id)
                );
                """)
    }

    /// The inbox columns of a grant row: its addressee, what makes it identical to another request, the addressee's
    /// own decision (approvals and denials by an admin or a mismatched approver do not count towards a block), and
    /// whether standing access approved it.
    static let grantColumns = [
        "granted_by_policy", "inbox_account_id", "inbox_fingerprint", "inbox_decision", "inbox_decided_at",
    ]

    /// The values of ``grantColumns``, in that order.
    static func grantColumnValues(of grant: GrantRecord) -> [(any DatabaseValueConvertible)?] {
        let lifecycle = grant.lifecycle
        let inbox = lifecycle.inbox
        var decision: String?
        var decidedAt: Int64?
        if let inbox, let approval = lifecycle.approval, approval.approver.accountID == inbox.accountID {
            decision = "approved"
            decidedAt = approval.at.unixMilliseconds
        } else if let inbox, let denial = lifecycle.denial, denial.approver.accountID == inbox.accountID,
            denial.code == nil
        {
            decision = "denied"
            decidedAt = denial.at.unixMilliseconds
        }
        // Every column is written every time (nil included), so an UPDATE also clears what no longer holds.
        return [
            lifecycle.isGrantedByPolicy,
            inbox?.accountID,
            inbox.map { _ in InboxLimits.fingerprint(of: grant.request) },
            decision,
            decidedAt,
        ]
    }
}
