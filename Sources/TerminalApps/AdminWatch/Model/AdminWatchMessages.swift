import GNAP
import TerminalUI

/// What the admin view asks the outside world to do (performed by ``AdminWatchEffectHandler``).
public enum AdminWatchEffect: Sendable, Hashable {
    /// Wait `delay`, open the stream after `lastEventID`, and when `snapshot` load the pending grants, counts,
    /// recent decisions and accounts.
    case connect(after: Int64?, snapshot: Bool, delay: Duration)
    /// Wait for the next batch of events.
    case nextEvents
    /// Load one grant's summary; `asOf` is the event that asked for it.
    case fetchGrant(id: String, asOf: Int64)
    case loadDetail(id: String)
    case grantAction(GrantAction, grantID: String, reason: String)
    case loadAccounts
    case accountAction(AccountAction)
    /// Ring the terminal's bell (a new request arrived and the admin asked for `--bell`).
    case ringBell
}

/// The first picture of the AS, loaded when the stream opens for the first time.
public struct AdminSnapshot: Sendable, Hashable {
    public var pending: [GrantSummary]
    public var decided: [GrantSummary]
    public var counts: GrantCounts
    /// The newest audit entries before the stream opened, oldest first: the recent decisions as they happened and
    /// the start of the event log.
    public var recent: [AuditEntryView]

    public init(
        pending: [GrantSummary], decided: [GrantSummary], counts: GrantCounts, recent: [AuditEntryView] = []
    ) {
        self.pending = pending
        self.decided = decided
        self.counts = counts
        self.recent = recent
    }
}

/// Why a backend call failed, for a person; `isRefusal` when retrying cannot help (not an admin, revoked device),
/// `endsSession` when the AS no longer accepts this terminal's credentials (every later call would fail too).
public struct AdminWatchFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public var isRefusal: Bool
    public var endsSession: Bool

    public init(_ description: String, isRefusal: Bool = false, endsSession: Bool = false) {
        self.description = description
        self.isRefusal = isRefusal
        self.endsSession = endsSession
    }
}

/// Commands bound to keys (one keymap table drives dispatch and help).
public enum AdminViewCommand: Hashable, Sendable {
    case up, down, pageUp, pageDown, top, bottom
    case open, close
    case filter, sort, reverse
    /// Decisions tab: only the grants approved by standing access (RFC 9635 §1.6.4), or all again.
    case policyFilter
    case deny, revoke
    case disable, revokeDevice
    case tab(AdminTab)
    case nextTab, previousTab
    case confirm, cancel
    case help, quit
}

/// Everything that can happen to the admin view.
public enum AdminWatchMessage: Sendable {
    case command(AdminViewCommand)
    /// A key typed into the filter or reason field.
    case edit(Key)
    case resized(Size)
    case tick(Duration)
    case closeHelp
    case connected(Result<AdminSnapshot?, AdminWatchFailure>)
    case events(Result<[AuditEntryView], AdminWatchFailure>)
    case grantLoaded(id: String, asOf: Int64, Result<GrantSummary, AdminWatchFailure>)
    case detailLoaded(id: String, Result<GrantDetail, AdminWatchFailure>)
    case grantActionDone(GrantAction, grantID: String, Result<GrantSummary, AdminWatchFailure>)
    case accountsLoaded(Result<(accounts: [AccountView], devices: [AdminDevice]), AdminWatchFailure>)
    case accountActionDone(AccountAction, Result<String, AdminWatchFailure>)
}
