import GNAP

/// One pending request as the watch table shows it.
public struct GrantRow: Sendable, Hashable {
    public let id: String
    /// The client's display name (self-asserted unless `clientVetted`), or its instance id.
    public let client: String
    public let clientVetted: Bool
    /// The requested rights, one short text each.
    public let rights: [String]
    /// The interaction start modes.
    public let modes: [String]
    public var createdAt: WallInstant
    /// Nil until the grant's summary is loaded (a row can appear from its `grant.created` event first).
    public var expiresAt: WallInstant?
    public var codeEntered: Bool
    /// The account the interaction is bound to.
    public var approverAccountID: String?
    /// The newest event applied to this row (0 for a row that came from a listing only).
    public var lastEventID: Int64
    /// False while only the `grant.created` event is known.
    public var isLoaded: Bool
    /// The id, client, rights and modes lower-cased once, so that filtering 50,000 rows per keystroke does not
    /// lower-case 250,000 strings.
    let searchText: [UInt8]
    /// The client lower-cased, for sorting.
    let sortClient: String

    public init(
        id: String, client: String, clientVetted: Bool = false, rights: [String] = [], modes: [String] = [],
        createdAt: WallInstant, expiresAt: WallInstant?, codeEntered: Bool = false, approverAccountID: String? = nil,
        lastEventID: Int64 = 0, isLoaded: Bool = true
    ) {
        self.id = id
        self.client = client
        self.clientVetted = clientVetted
        self.rights = rights
        self.modes = modes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.codeEntered = codeEntered
        self.approverAccountID = approverAccountID
        self.lastEventID = lastEventID
        self.isLoaded = isLoaded
        sortClient = client.lowercased()
        searchText = Array(([id, client] + rights + modes).joined(separator: "\u{1F}").lowercased().utf8)
    }

    /// The row for a summary from the admin API (times that do not parse count as now, which never hides a row).
    public init(_ summary: GrantSummary, lastEventID: Int64 = 0, now: WallInstant) {
        self.init(
            id: summary.id, client: summary.clientName ?? summary.instanceID, clientVetted: summary.clientVetted,
            // An asynchronous request (RFC 9635 §1.6.3) goes to its addressee's inbox: the mode says so, and the
            // approver column names the user it waits for.
            rights: summary.rights ?? [], modes: (summary.startModes ?? []) + (summary.inbox == nil ? [] : ["inbox"]),
            createdAt: RFC3339.parse(summary.createdAt) ?? now,
            expiresAt: RFC3339.parse(summary.interactionExpiresAt), codeEntered: summary.codeEntered ?? false,
            approverAccountID: summary.approverAccountID ?? summary.inbox?.accountID, lastEventID: lastEventID)
    }
}
