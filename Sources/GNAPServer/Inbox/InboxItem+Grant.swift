import GNAP

extension InboxItem {
    /// How an inbox lists a waiting asynchronous request.
    init(_ grant: GrantRecord) {
        self.init(
            grantID: grant.id, client: ReviewBuilder.client(of: grant), agent: grant.agent,
            rights: grant.tokens.flatMap { $0.access.map(GrantSummary.summary) }, subjectFormats: grant.subjectFormats,
            requestedAt: grant.lifecycle.createdAt, expiresAt: grant.lifecycle.interactionExpiresAt,
            repeats: grant.lifecycle.inbox?.repeats ?? 0, seenBy: grant.lifecycle.inbox?.seen.map(\.deviceID) ?? [],
            interactive: !grant.startModes.isEmpty)
    }
}

extension GrantRecord {
    /// Whether the request waits in its addressee's inbox at `now`: pending, not expired, not withdrawn.
    func waitsInInbox(at now: WallInstant) -> Bool {
        lifecycle.inbox != nil && lifecycle.status == .pending && lifecycle.outcome == nil
            && now < lifecycle.interactionExpiresAt
    }

    /// What became of a request that no longer waits in an inbox, and on which device of the addressee, if one
    /// decided it.
    var inboxRemoval: InboxRemoval {
        let lifecycle = lifecycle
        let addressee = lifecycle.inbox?.accountID
        if let approval = lifecycle.approval {
            return InboxRemoval(
                grantID: id, outcome: "approved",
                deviceID: approval.approver.accountID == addressee ? approval.approver.deviceID : nil)
        }
        if let denial = lifecycle.denial {
            return InboxRemoval(
                grantID: id, outcome: "denied",
                deviceID: denial.approver.accountID == addressee ? denial.approver.deviceID : nil)
        }
        switch lifecycle.outcome {
        case .expired?: return InboxRemoval(grantID: id, outcome: "expired")
        case .cancelled?: return InboxRemoval(grantID: id, outcome: "cancelled")
        case .issued?: return InboxRemoval(grantID: id, outcome: "approved")
        case .denied?: return InboxRemoval(grantID: id, outcome: "denied")
        case nil:
            // Pending, but past its expiry before the expiry service marked it.
            return InboxRemoval(grantID: id, outcome: lifecycle.status == .pending ? "expired" : "ended")
        }
    }
}
