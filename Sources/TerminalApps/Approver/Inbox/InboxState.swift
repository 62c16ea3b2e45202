import GNAP
import TerminalSession
import TerminalUI

/// The inbox pane: the asynchronous requests (RFC 9635 §1.6.3) waiting for this approver's account, newest first,
/// kept live by the AS's inbox stream, and the clients the account blocked (§13). Rows are the requests, then the
/// blocks; the selection is kept by grant id, so arrivals above it do not move it.
public struct InboxState: Equatable, Sendable {
    /// The inbox stream.
    public enum Connection: Equatable, Sendable {
        /// Not asked for yet.
        case idle
        case connecting
        case live
        /// Broken; tried again at `retryAt`.
        case reconnecting(attempt: Int, retryAt: WallInstant, reason: String)
        /// The AS does not offer an inbox, or refused this device: not tried again.
        case unavailable(String)
    }

    public var items: [InboxItem] = []
    public var blocks: [InboxBlock] = []
    public var list = ListViewState()
    public var connection: Connection = .idle
    /// The newest event applied (events at or below it are replays and change nothing).
    public var lastEventID: Int64?
    /// `gnapterm approve --watch`: the app starts here and comes back here after each decision.
    public var watching = false
    /// Ring the bell (and send a desktop notification where the terminal supports it) when a request arrives.
    public var notifies = true
    /// The request being opened for review, while the AS answers.
    public var opening: String?
    /// The client whose block is being lifted.
    public var lifting: String?
    /// A line under the list (what the last action did), and whether it is an error.
    public var notice: String?
    public var noticeIsError = false
    /// Requests that left the inbox while this terminal reviewed them: how, for the review to say so.
    public var removals: [String: InboxRemoval] = [:]
    /// The AS holds more waiting requests than this terminal listed (the oldest are listed, and every new one): the
    /// pane says so, and reloads as decisions make room.
    public var moreWaiting = false

    public init() {}

    /// Rows: the requests, then the blocked clients.
    public var rowCount: Int { items.count + blocks.count }

    public var selectedItem: InboxItem? {
        list.clampedSelection(rowCount: rowCount).flatMap { $0 < items.count ? items[$0] : nil }
    }

    public var selectedBlock: InboxBlock? {
        list.clampedSelection(rowCount: rowCount).flatMap { $0 >= items.count ? blocks[$0 - items.count] : nil }
    }

    /// Adds or replaces a request (newest first); returns whether it is new here.
    @discardableResult
    public mutating func upsert(_ item: InboxItem) -> Bool {
        if let index = items.firstIndex(where: { $0.grantID == item.grantID }) {
            items[index] = item
            return false
        }
        let selected = selectedItem?.grantID
        // Binary search for the place among newer-first items.
        var low = 0
        var high = items.count
        while low < high {
            let middle = (low + high) / 2
            if Self.isNewer(items[middle], than: item) { low = middle + 1 } else { high = middle }
        }
        items.insert(item, at: low)
        keepSelection(on: selected)
        return true
    }

    /// Removes a request; returns it if it was listed.
    @discardableResult
    public mutating func remove(_ grantID: String) -> InboxItem? {
        guard let index = items.firstIndex(where: { $0.grantID == grantID }) else { return nil }
        let selected = list.clampedSelection(rowCount: rowCount)
        let removed = items.remove(at: index)
        if let selected, selected > index { list.selection = selected - 1 }
        if rowCount == 0 { list.selection = nil } else if list.selection == nil { list.selection = 0 }
        return removed
    }

    /// Replaces everything with a snapshot.
    public mutating func load(_ snapshot: InboxSnapshot) {
        let selected = selectedItem?.grantID
        items = snapshot.items.sorted { Self.isNewer($0, than: $1) }
        blocks = snapshot.blocks
        lastEventID = snapshot.latestEventID
        moreWaiting = snapshot.truncated
        list = ListViewState(selection: rowCount == 0 ? nil : 0)
        keepSelection(on: selected)
    }

    private mutating func keepSelection(on grantID: String?) {
        if let grantID, let index = items.firstIndex(where: { $0.grantID == grantID }) {
            list.selection = index
        } else if list.selection == nil, rowCount > 0 {
            list.selection = 0
        }
    }

    static func isNewer(_ lhs: InboxItem, than rhs: InboxItem) -> Bool {
        lhs.requestedAt != rhs.requestedAt ? lhs.requestedAt > rhs.requestedAt : lhs.grantID > rhs.grantID
    }

    /// What the header adds to the identity: the number of waiting requests, when there are any.
    public var badge: String? { items.isEmpty ? nil : "Inbox \(items.count)\(moreWaiting ? "+" : "")" }
}
