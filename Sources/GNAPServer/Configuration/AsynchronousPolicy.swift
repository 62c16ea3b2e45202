import GNAP

/// Who may send asynchronous requests (RFC 9635 §1.6.3: no `interact`, a named user whom the AS reaches on their
/// approver terminals) and the limits that protect those users (§13). Registered clients are allowed one by one in
/// `--clients` (``ClientPolicy/allowsAsynchronous``).
public struct AsynchronousPolicy: Sendable, Hashable {
    /// Dynamic client instances (§2.3, not pre-registered) may send asynchronous requests too
    /// (`serve --allow-async-dynamic-clients`).
    public var allowsDynamicClients: Bool
    /// Pending requests, requests per hour and denials in a row, per client and user.
    public var limits: InboxLimits
    /// How much one page of an inbox snapshot lists (`GET /interact/v1/inbox`).
    public var page: InboxPageLimits

    /// - Parameters:
    ///   - allowsDynamicClients: default false: anyone with a key could otherwise ring any user's terminals.
    ///   - limits: default ``InboxLimits`` with its defaults.
    ///   - page: default ``InboxPageLimits`` with its defaults.
    public init(
        allowsDynamicClients: Bool = false, limits: InboxLimits = InboxLimits(),
        page: InboxPageLimits = InboxPageLimits()
    ) {
        self.allowsDynamicClients = allowsDynamicClients
        self.limits = limits
        self.page = page
    }

    /// The audit detail of `inbox.limits`, written when the AS starts.
    public var auditDetail: String {
        "asynchronous requests: dynamic clients \(allowsDynamicClients ? "allowed" : "not allowed"); per client and "
            + "user at most \(limits.maximumPending) pending and \(limits.maximumPerWindow) per "
            + "\(limits.window.roundedUpSeconds / 60) minutes; blocked after \(limits.denialsBeforeBlock) denials in "
            + "a row"
    }
}
