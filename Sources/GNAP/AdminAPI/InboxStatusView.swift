/// How far an asynchronous request (RFC 9635 §1.6.3) got with its addressee, as admins see it.
public struct InboxStatusView: Sendable, Hashable, Codable {
    /// The account the request is addressed to.
    public var accountID: String
    /// `waiting` (no terminal received it yet), `delivered` (a terminal received it), `seen` (a terminal opened it)
    /// or `decided` (approved, denied, or no longer pending).
    public var state: String
    /// The terminals (approver devices) that received it, and whether each opened it.
    public var terminals: [InboxTerminalView]
    /// Identical requests merged into it.
    public var repeats: Int

    public init(_ inbox: InboxDelivery, lifecycle: GrantLifecycleState) {
        accountID = inbox.accountID
        repeats = inbox.repeats
        terminals = inbox.seen.map { InboxTerminalView(deviceID: $0.deviceID, deliveredAt: nil, seenAt: $0.at.iso8601) }
        let decided = lifecycle.status != .pending || lifecycle.outcome != nil
        state = decided ? "decided" : inbox.seen.isEmpty ? "waiting" : "seen"
    }

    /// Adds what the delivery log says: which terminals received the request, and when.
    public mutating func add(_ receipts: [InboxDeliveryReceipt]) {
        for receipt in receipts {
            if let index = terminals.firstIndex(where: { $0.deviceID == receipt.deviceID }) {
                terminals[index].deliveredAt = receipt.deliveredAt.iso8601
            } else {
                terminals.append(
                    InboxTerminalView(deviceID: receipt.deviceID, deliveredAt: receipt.deliveredAt.iso8601, seenAt: nil)
                )
            }
        }
        if state == "waiting", !receipts.isEmpty { state = "delivered" }
    }

    private enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case state, terminals, repeats
    }
}

/// One terminal an asynchronous request reached.
public struct InboxTerminalView: Sendable, Hashable, Codable {
    public var deviceID: String
    public var deliveredAt: String?
    public var seenAt: String?

    public init(deviceID: String, deliveredAt: String?, seenAt: String?) {
        self.deviceID = deviceID
        self.deliveredAt = deliveredAt
        self.seenAt = seenAt
    }

    private enum CodingKeys: String, CodingKey {
        case deviceID = "device_id"
        case deliveredAt = "delivered_at"
        case seenAt = "seen_at"
    }
}
