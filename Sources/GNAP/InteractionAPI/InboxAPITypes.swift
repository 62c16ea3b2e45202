// The inbox of the interaction API: asynchronous requests (RFC 9635 §1.6.3) waiting for the signed-in account.

/// One request waiting in an inbox: who asks (the client application and, apart from it, the agent), for what, since
/// when and until when. The review itself comes from `POST /interact/v1/inbox/{grant}/open`.
public struct InboxItem: Sendable, Hashable, Codable {
    public var grantID: String
    public var client: ClientReview
    /// The automated agent behind the request, vetted and self-asserted parts apart.
    public var agent: AgentIdentity?
    /// One short line per requested access right (§8).
    public var rights: [String]
    /// Subject information formats requested (§2.2), if any.
    public var subjectFormats: [String]
    public var requestedAt: WallInstant
    public var expiresAt: WallInstant
    /// Identical requests of the same client merged into this one (§13).
    public var repeats: Int
    /// The enrolled devices of the account that opened it so far.
    public var seenBy: [String]
    /// The client also offered a user code or link (§2.5): the request can be reached either way.
    public var interactive: Bool

    public init(
        grantID: String, client: ClientReview, agent: AgentIdentity?, rights: [String], subjectFormats: [String],
        requestedAt: WallInstant, expiresAt: WallInstant, repeats: Int, seenBy: [String], interactive: Bool
    ) {
        self.grantID = grantID
        self.client = client
        self.agent = agent
        self.rights = rights
        self.subjectFormats = subjectFormats
        self.requestedAt = requestedAt
        self.expiresAt = expiresAt
        self.repeats = repeats
        self.seenBy = seenBy
        self.interactive = interactive
    }

    private enum CodingKeys: String, CodingKey {
        case grantID = "grant_id"
        case client, agent, rights
        case subjectFormats = "subject_formats"
        case requestedAt = "requested_at"
        case expiresAt = "expires_at"
        case repeats
        case seenBy = "seen_by"
        case interactive
    }
}

/// `GET /interact/v1/inbox`: the requests waiting for the account, oldest first, one page at a time (a page is small
/// enough for any approver's response limit), the clients it blocked, and the position of the newest event, from
/// which `GET /interact/v1/inbox/events` continues.
public struct InboxSnapshot: Sendable, Hashable, Codable {
    public var items: [InboxItem]
    public var blocks: [InboxBlock]
    public var latestEventID: Int64
    /// More requests are waiting after the ones listed.
    public var truncated: Bool
    /// When ``truncated``: where the next page starts (`GET /interact/v1/inbox?cursor=…`; opaque).
    public var nextCursor: String?

    public init(
        items: [InboxItem], blocks: [InboxBlock], latestEventID: Int64, truncated: Bool = false,
        nextCursor: String? = nil
    ) {
        self.items = items
        self.blocks = blocks
        self.latestEventID = latestEventID
        self.truncated = truncated
        self.nextCursor = nextCursor
    }

    private enum CodingKeys: String, CodingKey {
        case items, blocks
        case latestEventID = "latest_event_id"
        case truncated
        case nextCursor = "next_cursor"
    }
}

/// An inbox request that is no longer waiting: decided (here or on another terminal), expired or withdrawn.
public struct InboxRemoval: Sendable, Hashable, Codable {
    public var grantID: String
    /// `approved`, `denied`, `expired`, `cancelled` (by the client) or `ended` (anything else).
    public var outcome: String
    /// The device of the account that decided it, when one did.
    public var deviceID: String?
    /// The device's name, for "approved on laptop".
    public var deviceName: String?

    public init(grantID: String, outcome: String, deviceID: String? = nil, deviceName: String? = nil) {
        self.grantID = grantID
        self.outcome = outcome
        self.deviceID = deviceID
        self.deviceName = deviceName
    }

    private enum CodingKeys: String, CodingKey {
        case grantID = "grant_id"
        case outcome
        case deviceID = "device_id"
        case deviceName = "device_name"
    }
}

/// The `data` of an `inbox.blocks` event: the clients the account blocks now.
public struct InboxBlockList: Sendable, Hashable, Codable {
    public var blocks: [InboxBlock]
    public init(blocks: [InboxBlock]) { self.blocks = blocks }
}

/// One event of `GET /interact/v1/inbox/events`, by its SSE `event` name.
public enum InboxEvent: Sendable, Hashable {
    /// `inbox.request`: a request arrived, or changed while waiting (merged, seen, modified).
    case request(InboxItem)
    /// `inbox.removed`: a request stopped waiting.
    case removed(InboxRemoval)
    /// `inbox.blocks`: the blocked clients changed.
    case blocks([InboxBlock])

    public static let requestName = "inbox.request"
    public static let removedName = "inbox.removed"
    public static let blocksName = "inbox.blocks"

    /// Decodes an event's `data` by its `event` name; nil for names this build does not know.
    public static func decode(name: String, data: [UInt8]) throws -> InboxEvent? {
        switch name {
        case requestName: return .request(try GNAPJSON.decode(InboxItem.self, from: data))
        case removedName: return .removed(try GNAPJSON.decode(InboxRemoval.self, from: data))
        case blocksName: return .blocks(try GNAPJSON.decode(InboxBlockList.self, from: data).blocks)
        default: return nil
        }
    }
}
