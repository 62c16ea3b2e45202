/// The limits on asynchronous requests per client and user (RFC 9635 §13: asynchronous requests reach a person who
/// is not expecting them, and fatigue makes them approve without looking). Each is a `gnapterm serve` option; every
/// refusal is audited with the limit that caused it.
public struct InboxLimits: Sendable, Hashable {
    /// Requests of one client waiting for one person at a time.
    public var maximumPending: Int
    /// Requests of one client for one person within ``window`` (merged repeats included).
    public var maximumPerWindow: Int
    public var window: Duration
    /// After this many denials in a row, the client's requests for that person are refused until the person lifts
    /// the block from their inbox.
    public var denialsBeforeBlock: Int

    /// - Parameters:
    ///   - maximumPending: default 5.
    ///   - maximumPerWindow: default 20.
    ///   - window: default 1 hour.
    ///   - denialsBeforeBlock: default 3.
    public init(
        maximumPending: Int = 5, maximumPerWindow: Int = 20, window: Duration = .seconds(3600),
        denialsBeforeBlock: Int = 3
    ) {
        self.maximumPending = max(1, maximumPending)
        self.maximumPerWindow = max(1, maximumPerWindow)
        self.window = window
        self.denialsBeforeBlock = max(1, denialsBeforeBlock)
    }

    /// Chooses what happens to a new request of `client` for `user` (names for messages): refused while blocked or
    /// over the hourly limit, merged into an identical pending request, refused over the pending limit, else created.
    public func decide(
        _ standing: InboxStanding, client: String, user: String, creating grant: GrantRecord, audit: [AuditEvent],
        refusalAudit: (String) -> AuditEvent
    ) -> InboxAdmission {
        if standing.denialStreak >= denialsBeforeBlock {
            return .refuse(
                GNAPError(
                    .requestDenied,
                    "\(user) denied the last \(denialsBeforeBlock) asynchronous requests of this client; its requests "
                        + "are refused until \(user) lifts the block from their inbox"),
                audit: refusalAudit(
                    "blocked after \(denialsBeforeBlock) denials in a row (limit --async-denials-before-block)"))
        }
        let minutes = window.roundedUpSeconds / 60
        if standing.requestsInWindow >= maximumPerWindow {
            return .refuse(
                GNAPError(
                    .tooManyAttempts,
                    "this client already sent \(maximumPerWindow) asynchronous requests for \(user) in the last "
                        + "\(minutes) minutes; try again later"),
                audit: refusalAudit(
                    "\(standing.requestsInWindow) requests in \(minutes) minutes (limit --max-async-per-hour "
                        + "\(maximumPerWindow))"))
        }
        if let identical = standing.identicalPendingGrantID { return .merge(grantID: identical) }
        if standing.pending >= maximumPending {
            return .refuse(
                GNAPError(
                    .tooManyAttempts,
                    "\(standing.pending) asynchronous requests of this client are already waiting for \(user); wait "
                        + "for a decision before asking again"),
                audit: refusalAudit(
                    "\(standing.pending) requests pending (limit --max-pending-async \(maximumPending))"))
        }
        return .create(grant, audit: audit)
    }

    /// What makes two requests identical for merging: the access asked for, the subject information, the agent's
    /// description and the user, as canonical JSON, hashed. The key and the interaction do not count.
    public static func fingerprint(of request: GrantRequest) -> String {
        var canonical = GrantRequest(
            accessToken: request.accessToken, subject: request.subject, user: request.user, agent: request.agent)
        canonical.client = nil
        return Secrets.hash(String(decoding: (try? GNAPJSON.encode(canonical)) ?? [], as: UTF8.self))
    }
}
