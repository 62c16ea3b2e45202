/// How an asynchronous request (RFC 9635 §1.6.3) reaches its resource owner: the account it is addressed to, whose
/// approver terminals show it in their inbox. Any enrolled device of that account may decide it, without a user code;
/// the first decision wins.
public struct InboxDelivery: Sendable, Hashable, Codable {
    /// The account the request names (§2.4), resolved when it arrived.
    public var accountID: String
    /// The devices that opened the request from their inbox, first time each, in order.
    public var seen: [InboxSighting]
    /// How many identical requests from the same client were merged into this one (§13: not shown twice).
    public var repeats: Int
    public var lastRepeatedAt: WallInstant?

    public init(accountID: String) {
        self.accountID = accountID
        seen = []
        repeats = 0
    }
}

/// A device that opened an inbox request, and when it first did.
public struct InboxSighting: Sendable, Hashable, Codable {
    public var deviceID: String
    public var at: WallInstant

    public init(deviceID: String, at: WallInstant) {
        self.deviceID = deviceID
        self.at = at
    }
}

/// The events of asynchronous requests and of standing access (RFC 9635 §1.6.3, §1.6.4). Reached through
/// ``GrantLifecycle/event(_:)`` like every other change.
extension GrantLifecycle {
    /// An approver of the addressed account opened the request from an inbox: it may decide it from now on.
    mutating func openFromInbox(_ approver: ApproverRef, now: WallInstant) -> GrantAction {
        guard var inbox = state.inbox, inbox.accountID == approver.accountID else { return .refuse(.notForYou) }
        if let refusal = refusalForApprover(approver, now: now, requireBound: false) { return .refuse(refusal) }
        if !inbox.seen.contains(where: { $0.deviceID == approver.deviceID }) {
            inbox.seen.append(InboxSighting(deviceID: approver.deviceID, at: now))
            state.inbox = inbox
        }
        return .interactionBound
    }

    /// The same client asked again for exactly the same (§13, authorization fatigue): the request is merged into this
    /// one, which must still be waiting; the client continues this grant.
    mutating func repeatRequest(now: WallInstant) -> GrantAction {
        guard var inbox = state.inbox else { return .refuse(.notForYou) }
        if state.outcome == .expired || (state.status == .pending && now >= state.interactionExpiresAt) {
            return .refuse(.expired)
        }
        if state.outcome == .cancelled { return .refuse(.cancelled) }
        guard state.status == .pending else { return .refuse(.alreadyDecided) }
        inbox.repeats += 1
        inbox.lastRepeatedAt = now
        state.inbox = inbox
        state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
        return .respondPending(waitSeconds: state.waitSeconds)
    }

    /// §1.6.4: the operator's standing access covers the whole request, so it is approved by policy and delivered at
    /// once, in the response to the request itself; the grant stays approved with a continuation (§5.3, §5.4).
    mutating func approveByPolicy(_ selection: ApprovalSelection, now: WallInstant) -> GrantAction {
        guard state.status == .pending, state.outcome == nil, now < state.interactionExpiresAt else {
            return .refuse(.alreadyDecided)
        }
        guard !selection.isEmpty else { return .refuse(.nothingSelected) }
        state.status = .approved
        state.approval = Approval(approver: .standingAccess, selection: selection, at: now)
        state.deliveredAt = now
        state.nextCallAllowedAt = now.advanced(by: .seconds(state.waitSeconds))
        return .issueTokens(selection)
    }
}

extension GrantLifecycleState {
    /// Whether the operator's standing access approved this grant (§1.6.4), not a person.
    public var isGrantedByPolicy: Bool {
        approval?.approver.isStandingAccess == true || granted?.approver.isStandingAccess == true
    }
}
