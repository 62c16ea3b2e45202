import GNAP

extension AdminWatchApp {
    /// The stream opened (and the snapshot, if asked for, loaded) or failed to.
    func connected(_ state: inout State, _ result: Result<AdminSnapshot?, AdminWatchFailure>) -> [Effect] {
        switch result {
        case .success(let snapshot):
            state.connection = .live(since: state.now)
            if let snapshot { Self.applySnapshot(snapshot, to: &state) }
            var effects: [Effect] = [.nextEvents]
            if state.accountsStale { effects.append(.loadAccounts) }
            return effects
        case .failure(let failure):
            return disconnected(&state, failure)
        }
    }

    /// A batch of events arrived, or the stream broke.
    func eventsArrived(_ state: inout State, _ result: Result<[AuditEntryView], AdminWatchFailure>) -> [Effect] {
        switch result {
        case .success(let entries):
            let previous = state.lastEventID ?? .min
            var effects = Self.apply(entries, to: &state)
            // One bell per batch of new requests (entries replayed after a reconnection were seen before).
            if bell, entries.contains(where: { $0.kind == .grantCreated && $0.id > previous }) {
                effects.append(.ringBell)
            }
            effects.append(.nextEvents)
            if state.accountsStale, state.tab == .accounts || state.tab == .devices { effects.append(.loadAccounts) }
            return effects
        case .failure(let failure):
            return disconnected(&state, failure)
        }
    }

    /// Schedules the next attempt with capped exponential backoff, or stops for good on a refusal.
    func disconnected(_ state: inout State, _ failure: AdminWatchFailure) -> [Effect] {
        if failure.isRefusal {
            state.connection = .refused(failure.description)
            return []
        }
        let attempt: Int
        switch state.connection {
        case .connecting(let previous), .reconnecting(let previous, _, _): attempt = previous + 1
        case .live, .refused: attempt = 1
        }
        let delay = ConnectionState.backoff(attempt: attempt)
        state.connection = .reconnecting(
            attempt: attempt, retryAt: state.now.advanced(by: delay), reason: failure.description)
        return [
            .connect(after: state.lastEventID ?? state.snapshotEventID, snapshot: !state.hasSnapshot, delay: delay)
        ]
    }

    static func applySnapshot(_ snapshot: AdminSnapshot, to state: inout State) {
        let now = state.now
        // Rows the stream already brought in (it was opened first) are newer than the listing: keep them.
        let streamed = state.table.rows.values.filter { $0.lastEventID > 0 }
        state.table.replaceAll(snapshot.pending.filter { $0.state == "pending" }.map { GrantRow($0, now: now) })
        for row in streamed { state.table.upsert(row) }
        // Client names for the decisions read from the log, which names grants only.
        var clients: [String: String] = [:]
        for summary in snapshot.pending + snapshot.decided {
            clients[summary.id] = summary.clientName ?? summary.instanceID
        }
        let logged = snapshot.recent.compactMap { entry -> DecisionRow? in
            guard let grantID = entry.grantID, let outcome = decisionKinds[entry.kind] else { return nil }
            return DecisionRow(
                eventID: entry.id, grantID: grantID, outcome: outcome, at: RFC3339.parse(entry.at) ?? now,
                client: clients[grantID], actor: entry.accountID ?? entry.actor, detail: entry.detail)
        }
        // The listings reach further back than the log replayed; their grants not seen in it are added once.
        let seen = Set(logged.map(\.grantID)).union(state.decisions.map(\.grantID))
        let listed = snapshot.decided.compactMap { summary -> DecisionRow? in
            guard !seen.contains(summary.id), let decidedAt = summary.decidedAt.flatMap(RFC3339.parse) else {
                return nil
            }
            return DecisionRow(
                eventID: 0, grantID: summary.id, outcome: decisionOutcome(of: summary), at: decidedAt,
                client: summary.clientName ?? summary.instanceID, actor: summary.approverAccountID,
                detail: summary.denialReason.map { "denied: \($0)" } ?? "")
        }
        let applied = Set(state.decisions.map(\.eventID))
        var earlier: [DecisionRow] = logged.filter { !applied.contains($0.eventID) }
        earlier += listed
        earlier.sort { left, right in left.at != right.at ? left.at > right.at : left.eventID > right.eventID }
        state.decisions = (state.decisions + earlier).prefix(decisionLimit).map { $0 }
        let known = Set(state.events.map(\.id))
        var events: [AuditEntryView] = snapshot.recent.filter { !known.contains($0.id) }
        events += state.events
        state.events = Array(events.suffix(State.eventLimit))
        state.counts = snapshot.counts.byStatus.merging(
            snapshot.counts.byOutcome.filter { $0.key == "expired" || $0.key == "cancelled" }
        ) { _, outcome in outcome }
        // Denials the client was told of are finalized: count them with the denials still waiting to be told.
        state.counts["denied", default: 0] += snapshot.counts.byOutcome["denied"] ?? 0
        state.snapshotEventID = snapshot.counts.latestEventID
        state.hasSnapshot = true
        fixSelection(&state)
    }

    /// How a listed grant was decided: a finalized grant says so in its outcome (a denial the client was told of is
    /// finalized as `denied`; `issued` grants were approved).
    static func decisionOutcome(of summary: GrantSummary) -> String {
        switch (summary.state, summary.outcome) {
        case _ where summary.grantedByPolicy == true: "policy"
        case ("denied", _), (_, .denied?): "denied"
        case (_, .cancelled?): "cancelled"
        case (_, .expired?): "expired"
        default: "approved"
        }
    }

    /// Applies audit entries in order. Entries at or below ``AdminWatchState/lastEventID`` were applied before
    /// (a replay after a reconnection) and are skipped.
    static func apply(_ entries: [AuditEntryView], to state: inout State) -> [Effect] {
        var effects: [Effect] = []
        for entry in entries {
            if let last = state.lastEventID, entry.id <= last { continue }
            state.lastEventID = entry.id
            state.events.append(entry)
            effects += apply(entry, to: &state)
        }
        // Trimmed once per batch: a busy stream brings a thousand entries at a time.
        if state.events.count > State.eventLimit { state.events.removeFirst(state.events.count - State.eventLimit) }
        let horizon = state.now.advanced(by: .seconds(-60))
        state.recentDecisionTimes.removeAll { $0 < horizon }
        fixSelection(&state)
        return effects
    }

    static let decisionKinds: [AuditEventKind: String] = [
        .grantApproved: "approved", .grantDenied: "denied", .grantRevoked: "revoked",
        .grantExpired: "expired", .grantCancelled: "cancelled", .grantRefused: "refused",
        .grantApprovedByPolicy: "policy",
    ]

    private static func apply(_ entry: AuditEntryView, to state: inout State) -> [Effect] {
        if entry.kind.family == "account" || entry.kind.family == "device" { state.accountsStale = true }
        if let detail = state.detail, detail.grantID == entry.grantID, var loaded = detail.detail,
            !loaded.history.contains(where: { $0.id == entry.id })
        {
            loaded.history.append(entry)
            state.detail?.detail = loaded
        }
        guard let grantID = entry.grantID else { return [] }
        let at = RFC3339.parse(entry.at) ?? state.now
        switch entry.kind {
        case .grantCreated, .grantModified:
            if var row = state.table[grantID] {
                row.lastEventID = entry.id
                state.table.upsert(row)
            } else {
                state.table.upsert(
                    GrantRow(
                        id: grantID, client: "…", createdAt: at, expiresAt: nil, lastEventID: entry.id, isLoaded: false
                    ))
            }
            if entry.kind == .grantCreated { state.counts["pending", default: 0] += 1 }
            state.fetching[grantID] = entry.id
            return [.fetchGrant(id: grantID, asOf: entry.id)]
        case .codeEntered, .interactionOpened:
            guard var row = state.table[grantID] else { return [] }
            row.codeEntered = true
            row.approverAccountID = entry.accountID ?? row.approverAccountID
            row.lastEventID = entry.id
            state.table.upsert(row)
            return []
        default:
            break
        }
        guard let outcome = decisionKinds[entry.kind] else {
            if entry.kind == .grantFinalized { retire(grantID, entry.id, &state) }
            return []
        }
        let row = retire(grantID, entry.id, &state)
        if row != nil, outcome != "revoked" {
            state.counts["pending", default: 1] = max(0, state.counts["pending", default: 1] - 1)
        }
        state.counts[outcome, default: 0] += 1
        if outcome == "approved" || outcome == "denied" { state.recentDecisionTimes.append(at) }
        let decision = DecisionRow(
            eventID: entry.id, grantID: grantID, outcome: outcome, at: at, client: row?.client,
            actor: entry.accountID ?? entry.actor, detail: entry.detail)
        state.decisions.insert(decision, at: 0)
        if state.decisions.count > decisionLimit { state.decisions.removeLast(state.decisions.count - decisionLimit) }
        return []
    }

    /// Removes a grant from the table; remembers the removal while a summary fetch for it is in flight, so that a
    /// stale answer cannot bring it back.
    @discardableResult
    private static func retire(_ grantID: String, _ eventID: Int64, _ state: inout State) -> GrantRow? {
        if state.fetching[grantID] != nil { state.retired[grantID] = eventID }
        return state.table.remove(grantID)
    }

    /// A summary arrived. If a newer event touched the grant since it was asked for, it may be stale: ask again.
    func grantLoaded(_ state: inout State, id: String, asOf: Int64, _ result: Result<GrantSummary, AdminWatchFailure>)
        -> [Effect]
    {
        if state.fetching[id] == asOf { state.fetching[id] = nil }
        if let retiredAt = state.retired[id] {
            if state.fetching[id] == nil { state.retired[id] = nil }
            if retiredAt > asOf { return [] }
        }
        guard case .success(let summary) = result else { return [] }
        guard summary.state == "pending" else {
            state.table.remove(id)
            Self.fixSelection(&state)
            return []
        }
        let current = state.table[id]
        if let current, current.lastEventID > asOf {
            state.fetching[id] = current.lastEventID
            return [.fetchGrant(id: id, asOf: current.lastEventID)]
        }
        var row = GrantRow(summary, lastEventID: max(asOf, current?.lastEventID ?? 0), now: state.now)
        row.codeEntered = row.codeEntered || (current?.codeEntered ?? false)
        state.table.upsert(row)
        Self.fixSelection(&state)
        return []
    }

    /// Keeps the selection on the same grant when rows move, or on the same position when it went away.
    static func fixSelection(_ state: inout State) {
        let count = state.table.order.count
        guard count > 0 else {
            state.selectedID = nil
            state.selectedIndex = 0
            state.scrollOffset = 0
            return
        }
        if let id = state.selectedID, let index = state.table.index(of: id) {
            state.selectedIndex = index
        } else {
            state.selectedIndex = min(max(0, state.selectedIndex), count - 1)
            state.selectedID = state.table.order[state.selectedIndex]
        }
        scrollToSelection(&state)
    }

    static func scrollToSelection(_ state: inout State) {
        let visible = State.visibleRows(state.size)
        let count = state.table.order.count
        if state.selectedIndex < state.scrollOffset { state.scrollOffset = state.selectedIndex }
        if state.selectedIndex >= state.scrollOffset + visible {
            state.scrollOffset = state.selectedIndex - visible + 1
        }
        state.scrollOffset = max(0, min(state.scrollOffset, max(0, count - visible)))
    }

    /// Decisions kept for the tab.
    static let decisionLimit = 500
}
