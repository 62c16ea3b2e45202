import GNAP
import NIOCore

/// One account's inbox as a text/event-stream (``EventFeed``): from the audit entries about the requests addressed
/// to the account, `inbox.request` (a request waits, with what the inbox shows of it), `inbox.removed` (it stopped
/// waiting, and how) and `inbox.blocks` (the clients the account blocks). Each frame says how the request stands now,
/// not how it stood when the entry was written, so a replay after `Last-Event-ID` converges on the present. Every
/// request sent is noted as delivered to the watching device.
struct InboxEventFeed: Sendable {
    let inbox: any InboxStore
    let grants: any GrantStore
    let accounts: any AccountStore
    let limits: InboxLimits
    let clock: AnyWallClock

    /// The entries that change what an inbox shows; the others (tokens, deliveries, …) only move the position.
    static let kinds: Set<AuditEventKind> = [
        .grantCreated, .grantModified, .grantApproved, .grantDenied, .grantRefused, .grantRevoked, .grantExpired,
        .grantCancelled, .grantFinalized, .inboxSeen, .inboxMerged, .inboxUnblocked,
    ]

    func start(
        approver: ApproverAuthenticator.Approver, configuration: EventStreamConfiguration, after position: Int64,
        follow: Bool, reauthorize: EventFeed.Reauthorization?, wakeup: FeedWakeup?
    ) -> (stream: AsyncStream<ByteBuffer>, producer: Task<EventFeed.End, Never>) {
        let feed = self
        return EventFeed.start(
            configuration: configuration, after: position, follow: follow, reauthorize: reauthorize, wakeup: wakeup
        ) { after, limit in
            try await feed.read(for: approver, after: after, limit: limit)
        }
    }

    func read(for approver: ApproverAuthenticator.Approver, after position: Int64, limit: Int) async throws
        -> EventFeed.Batch
    {
        let accountID = approver.account.id
        let entries = try await inbox.inboxEntries(accountID: accountID, after: position, limit: limit)
        // The last entry of each request in the batch: one frame per request, at that entry's position.
        var last: [String: Int64] = [:]
        var blocksChanged: Int64?
        for entry in entries where Self.kinds.contains(entry.event.kind) {
            if let grantID = entry.event.grantID { last[grantID] = entry.id }
            if entry.event.kind == .grantDenied || entry.event.kind == .inboxUnblocked { blocksChanged = entry.id }
        }
        let now = clock.now
        var frames: [(id: Int64, buffer: ByteBuffer)] = []
        var delivered: [String] = []
        for (grantID, id) in last {
            guard let grant = try await grants.grant(id: grantID) else { continue }
            if grant.waitsInInbox(at: now) {
                frames.append(
                    (
                        id,
                        EventFeed.frame(
                            id: id, event: InboxEvent.requestName, json: try GNAPJSON.encode(InboxItem(grant)))
                    ))
                delivered.append(grantID)
            } else {
                var removal = grant.inboxRemoval
                if let device = removal.deviceID { removal.deviceName = try await accounts.device(id: device)?.name }
                frames.append(
                    (id, EventFeed.frame(id: id, event: InboxEvent.removedName, json: try GNAPJSON.encode(removal))))
            }
        }
        if let id = blocksChanged {
            let blocks = try await inbox.inboxBlocks(accountID: accountID, streakLimit: limits.denialsBeforeBlock)
            frames.append(
                (
                    id,
                    EventFeed.frame(
                        id: id, event: InboxEvent.blocksName, json: try GNAPJSON.encode(InboxBlockList(blocks: blocks)))
                ))
        }
        try await recordDeliveries(delivered, to: approver, at: now)
        return EventFeed.Batch(
            frames: frames.sorted { $0.id < $1.id }.map(\.buffer), position: entries.last?.id ?? position,
            entriesRead: entries.count)
    }

    /// Notes which requests reached the approver's terminal (the admin view shows it; audited once per terminal).
    func recordDeliveries(_ grantIDs: [String], to approver: ApproverAuthenticator.Approver, at now: WallInstant)
        async throws
    {
        let device = approver.device
        try await inbox.recordInboxDeliveries(grantIDs: grantIDs, deviceID: device.id, at: now) { grantID in
            AuditEvent(
                grantID: grantID, at: now, kind: .inboxDelivered,
                detail: "delivered to the inbox of terminal '\(device.name)' (device \(device.id))",
                accountID: device.accountID)
        }
    }
}
