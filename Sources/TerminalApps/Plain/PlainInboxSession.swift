import Foundation
import GNAP
import GNAPClient
import TerminalSession
import TerminalUI

/// What `gnapterm approve --plain --watch` keeps between lines: the waiting requests by the number it gave them
/// (numbers are not reused), the blocks, and the newest event applied.
struct PlainInboxSession {
    var items: [InboxItem] = []
    var numbers: [String: Int] = [:]
    var next = 1
    var blocks: [InboxBlock] = []
    var lastEventID: Int64 = 0

    mutating func load(_ snapshot: InboxSnapshot) {
        lastEventID = snapshot.latestEventID
        blocks = snapshot.blocks
        for item in snapshot.items.sorted(by: { $0.requestedAt < $1.requestedAt }) { _ = add(item) }
    }

    /// Whether an event is new (replays after a reconnection are skipped).
    mutating func accept(_ id: Int64) -> Bool {
        guard id > lastEventID else { return false }
        lastEventID = id
        return true
    }

    /// Adds or updates a request; true when it is new.
    mutating func add(_ item: InboxItem) -> Bool {
        if let index = items.firstIndex(where: { $0.grantID == item.grantID }) {
            items[index] = item
            return false
        }
        items.append(item)
        numbers[item.grantID] = next
        next += 1
        return true
    }

    /// Removes a request; its number, if it was listed.
    mutating func remove(_ grantID: String) -> Int? {
        guard let index = items.firstIndex(where: { $0.grantID == grantID }) else { return nil }
        items.remove(at: index)
        return numbers[grantID]
    }

    func item(numbered text: Substring?) -> InboxItem? {
        guard let text, let number = Int(text) else { return nil }
        return items.first { numbers[$0.grantID] == number }
    }

    /// "[3] release-bot ✓ via CI runner ✓: deploy: write — 10s ago · 9:50 left".
    func line(_ item: InboxItem, now: WallInstant) -> String {
        "[\(numbers[item.grantID] ?? 0)] " + InboxScreen.summary(item) + " — " + InboxScreen.age(item, now: now)
    }
}
