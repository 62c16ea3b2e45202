/// How a grant reaches its decision, for filtering listings.
public enum GrantChannel: String, Sendable, Hashable, CaseIterable {
    /// Approved by the operator's standing access (§1.6.4).
    case policy
    /// Addressed to a user's inbox (§1.6.3).
    case inbox
    /// Neither: a person reached through the client's interaction (§2.5).
    case interaction
}

/// A filter for listing grants. Nil members do not filter.
public struct GrantQuery: Sendable, Hashable {
    public var status: GrantStatus?
    public var outcome: GrantOutcome?
    /// The client instance id.
    public var instanceID: String?
    /// The account the interaction is bound to (the approver).
    public var accountID: String?
    public var createdAfter: WallInstant?
    public var createdBefore: WallInstant?
    /// Only grants with at least one access token that is active at this instant.
    public var activeTokensAt: WallInstant?
    /// Only grants that were approved or denied (not merely pending).
    public var decided: Bool
    /// How the grant was (or is to be) decided: by standing access (RFC 9635 §1.6.4), through an inbox
    /// (asynchronous, §1.6.3), or by a person reached through the client's interaction. Nil: any.
    public var via: GrantChannel?
    /// Opaque position from a previous page's ``GrantPage/nextCursor``.
    public var cursor: String?
    public var limit: Int

    public init(
        status: GrantStatus? = nil, outcome: GrantOutcome? = nil, instanceID: String? = nil, accountID: String? = nil,
        createdAfter: WallInstant? = nil, createdBefore: WallInstant? = nil, activeTokensAt: WallInstant? = nil,
        decided: Bool = false, cursor: String? = nil, limit: Int = 50
    ) {
        self.status = status
        self.outcome = outcome
        self.instanceID = instanceID
        self.accountID = accountID
        self.createdAfter = createdAfter
        self.createdBefore = createdBefore
        self.activeTokensAt = activeTokensAt
        self.decided = decided
        self.cursor = cursor
        self.limit = limit
    }
}

public struct GrantPage: Sendable, Hashable {
    public var grants: [GrantRecord]
    /// Pass as ``GrantQuery/cursor`` for the next page; nil on the last page.
    public var nextCursor: String?

    public init(grants: [GrantRecord], nextCursor: String?) {
        self.grants = grants
        self.nextCursor = nextCursor
    }
}

public struct GrantCounts: Sendable, Hashable, Codable {
    public var byStatus: [String: Int]
    public var byOutcome: [String: Int]
    /// The newest audit entry when the counts were made (the admin API adds it; a store leaves it nil), so a
    /// watcher can replay the log just before it (`GET /admin/v1/events?follow=false`).
    public var latestEventID: Int64?

    public init(byStatus: [String: Int], byOutcome: [String: Int], latestEventID: Int64? = nil) {
        self.byStatus = byStatus
        self.byOutcome = byOutcome
        self.latestEventID = latestEventID
    }

    private enum CodingKeys: String, CodingKey {
        case byStatus = "by_status"
        case byOutcome = "by_outcome"
        case latestEventID = "latest_event_id"
    }
}
