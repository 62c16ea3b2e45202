import GNAP

/// One decision in the "Decisions" tab: an approval, denial, revocation, expiry or cancellation.
public struct DecisionRow: Sendable, Hashable {
    /// The audit entry's id (0 for rows from the first listing).
    public var eventID: Int64
    public var grantID: String
    /// `approved`, `denied`, `revoked`, `expired`, `cancelled`, `refused`.
    public var outcome: String
    public var at: WallInstant
    /// The client, when the grant was in the table.
    public var client: String?
    /// Who decided: the approver's account or the actor of the audit entry.
    public var actor: String?
    /// The audit detail (for denials and revocations it holds the reason).
    public var detail: String

    public init(
        eventID: Int64, grantID: String, outcome: String, at: WallInstant, client: String?, actor: String?,
        detail: String
    ) {
        self.eventID = eventID
        self.grantID = grantID
        self.outcome = outcome
        self.at = at
        self.client = client
        self.actor = actor
        self.detail = detail
    }
}
