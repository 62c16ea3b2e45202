import GNAP

/// What the admin view needs from an AS. ``RemoteAdminWatchBackend`` implements it over the signed admin API and
/// its event stream; tests use a fake.
public protocol AdminWatchBackend: Sendable {
    /// Shown in the header.
    var identityDescription: String { get }
    /// Opens the event stream after `lastEventID` (nil: from the newest entry) and, when `snapshot`, then loads
    /// the pending grants, recent decisions and counts. Opening first means nothing written in between is lost:
    /// the stream replays it, and the model ignores what it already has.
    func connect(after lastEventID: Int64?, snapshot: Bool) async throws(AdminWatchFailure) -> AdminSnapshot?
    /// The next entries of the open stream, in order; throws when the stream broke.
    func nextEvents() async throws(AdminWatchFailure) -> [AuditEntryView]
    func grant(id: String) async throws(AdminWatchFailure) -> GrantSummary
    func detail(id: String) async throws(AdminWatchFailure) -> GrantDetail
    func perform(_ action: GrantAction, grantID: String, reason: String) async throws(AdminWatchFailure)
        -> GrantSummary
    func accounts() async throws(AdminWatchFailure) -> (accounts: [AccountView], devices: [AdminDevice])
    /// Performs an account or device action and returns what to tell the admin.
    func perform(_ action: AccountAction) async throws(AdminWatchFailure) -> String
}
