import GNAP
import TerminalUI

/// Everything the watch view shows. The model is keyed by grant id (rows) and by event id (``lastEventID``: an
/// entry at or below it is a duplicate and changes nothing), so replaying a stream after a reconnection can
/// neither duplicate nor lose a row.
///
/// Every `update` bumps ``revision``, and the app's render key is that revision: the runner keeps it (not a copy
/// of the state, whose next mutation would then copy 50,000 rows) to decide whether to redraw. Equality is by
/// revision and size too, for the same reason.
public struct AdminWatchState: Sendable, Equatable {
    public var revision: UInt64 = 0
    public var now: WallInstant
    /// The clock reading the runner's ticks count from.
    public var clockStart: WallInstant
    public var size: Size
    public var connection: ConnectionState = .connecting(attempt: 1)
    /// The newest audit entry applied.
    public var lastEventID: Int64?
    /// The newest audit entry when the first snapshot was counted: where a reconnection resumes while no entry has
    /// been applied yet (resuming "from the newest" would lose what was written while the view was away).
    public var snapshotEventID: Int64?
    /// Whether the first snapshot (pending grants, counts, accounts) has been loaded.
    public var hasSnapshot = false

    public var table = PendingTable()
    public var tab: AdminTab = .pending
    /// The selected grant of the pending table (kept by id, so live inserts above it do not move it).
    public var selectedID: String?
    /// Where the selection is in the table's order (used when the selected row goes away).
    public var selectedIndex = 0
    /// The first table row on screen.
    public var scrollOffset = 0
    /// Typing a filter after `/`.
    public var isEditingFilter = false
    public var filterField = TextFieldState()

    public var decisions: [DecisionRow] = []
    public var decisionSelection = 0
    /// Show only the grants approved by standing access (`p` in the decisions tab).
    public var decisionsByPolicyOnly = false
    /// Decision times in the last minute, for the rate in the header.
    public var recentDecisionTimes: [WallInstant] = []
    /// Grant counts per state (from `/admin/v1/counts`, then kept up to date by events).
    public var counts: [String: Int] = [:]

    /// The raw audit stream for the events tab, oldest first (at most ``eventLimit``).
    public var events: [AuditEntryView] = []
    /// What the events tab shows: entries containing this text (kind, grant, actor, account or detail).
    public var eventFilter = ""
    /// The selected entry of the events tab, counted from the newest shown.
    public var eventSelection = 0

    public var accounts: [AccountView] = []
    public var devices: [AdminDevice] = []
    public var accountSelection = 0
    public var deviceSelection = 0
    public var accountsStale = true

    /// The open detail pane.
    public var detail: DetailState?
    public var dialog: AdminDialog?
    /// A line for the status bar (the result of the last action).
    public var notice: (text: String, isError: Bool)?
    public var showsHelp = false
    public var isQuitting = false

    /// Summary fetches in flight: grant id → the event id they were asked for.
    public var fetching: [String: Int64] = [:]
    /// Grants removed while a fetch for them was in flight: grant id → the removing event's id.
    public var retired: [String: Int64] = [:]

    public init(now: WallInstant, size: Size) {
        self.now = now
        self.clockStart = now
        self.size = size
    }

    public static func == (lhs: AdminWatchState, rhs: AdminWatchState) -> Bool {
        lhs.revision == rhs.revision && lhs.size == rhs.size
    }

    /// Rows of the table on screen for `size` (header, counts, tabs, column titles, status bar).
    public static func visibleRows(_ size: Size) -> Int { max(1, size.height - 5) }

    /// Audit entries kept for the events tab.
    public static let eventLimit = 2000
}

/// The grant whose detail is open.
public struct DetailState: Sendable, Hashable {
    public var grantID: String
    public var detail: GrantDetail?
    public var error: String?
    public var scroll = 0

    public init(grantID: String) { self.grantID = grantID }
}

/// A device with the username of its account.
public struct AdminDevice: Sendable, Hashable {
    public var username: String
    public var device: DeviceView

    public init(username: String, device: DeviceView) {
        self.username = username
        self.device = device
    }
}
