import GNAP

// What the admin can do with what is selected. The keymaps bind, the footer offers and the help lists an action only
// where it can succeed, so the view never offers, say, revoking a denied grant only to fail with `409`.
extension AdminWatchState {
    /// The events tab's entries, newest first, filtered by ``eventFilter``.
    public var shownEvents: [AuditEntryView] {
        let needle = eventFilter.lowercased()
        guard !needle.isEmpty else { return events.reversed() }
        return events.reversed().filter { entry in
            [entry.kind.rawValue, entry.grantID ?? "", entry.actor ?? "", entry.accountID ?? "", entry.detail]
                .contains { $0.lowercased().contains(needle) }
        }
    }

    /// The selected decision row, on the decisions tab.
    var selectedDecision: DecisionRow? {
        decisions.indices.contains(decisionSelection) ? decisions[decisionSelection] : nil
    }

    /// A pending grant is selected (the pending tab, or its open detail).
    public var canDeny: Bool {
        if let detail { return detail.detail?.grant.state == "pending" }
        return tab == .pending && selectedID != nil
    }

    /// An approved grant that is still approved is selected (a decision whose grant was not revoked, cancelled or
    /// decided again since, or an open detail of an approved grant).
    public var canRevoke: Bool {
        if let detail { return detail.detail?.grant.state == "approved" }
        guard tab == .decisions, let decision = selectedDecision, decision.outcome == "approved" else { return false }
        // Decisions are newest first: a later row for the same grant supersedes this one.
        return decisions.first { $0.grantID == decision.grantID } == decision
    }

    var selectedAccount: AccountView? {
        accounts.indices.contains(accountSelection) ? accounts[accountSelection] : nil
    }

    /// The selected account can be disabled or enabled (the last enabled admin cannot be disabled).
    public var canToggleAccount: Bool {
        guard let account = selectedAccount else { return false }
        guard account.role == .admin, !account.disabled else { return true }
        return accounts.filter { $0.role == .admin && !$0.disabled }.count > 1
    }

    var selectedDevice: AdminDevice? {
        devices.indices.contains(deviceSelection) ? devices[deviceSelection] : nil
    }

    /// The selected device is active, so it can be revoked.
    public var canRevokeDevice: Bool { selectedDevice.map { $0.device.revokedAt == nil } ?? false }

    /// The selected entry of the events tab names a grant whose detail can be opened.
    var selectedEventGrant: String? {
        let shown = shownEvents
        return shown.indices.contains(eventSelection) ? shown[eventSelection].grantID : nil
    }
}
