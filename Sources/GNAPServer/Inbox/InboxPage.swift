import Foundation
import GNAP

/// One page of `GET /interact/v1/inbox` as its JSON body (an ``InboxSnapshot``). Each request is encoded once, on
/// its own, so that the page can stop before ``InboxPageLimits/bytes`` without encoding anything twice; the body is
/// then put together from those pieces.
struct InboxPage {
    /// The JSON of the ``InboxSnapshot``.
    let body: [UInt8]
    /// The requests the page lists, oldest first.
    let listed: [String]

    /// - Parameter waiting: the waiting requests from the page's start, oldest first, one more than
    ///   ``InboxPageLimits/items`` if there are that many (so that the page knows whether more wait).
    static func make(
        waiting: [GrantRecord], blocks: [InboxBlock], latestEventID: Int64, limits: InboxPageLimits
    ) throws -> InboxPage {
        let encoder = GNAPJSON.encoder()
        let encodedBlocks = try encoder.encode(blocks)
        // The blocked clients are listed on every page; the requests share what they leave.
        let budget = limits.bytes - encodedBlocks.count
        var items: [UInt8] = []
        var listed: [GrantRecord] = []
        for grant in waiting.prefix(limits.items) {
            let encoded = try encoder.encode(InboxItem(grant))
            if !listed.isEmpty {
                guard items.count + 1 + encoded.count <= budget else { break }
                items.append(UInt8(ascii: ","))
            }
            items += encoded
            listed.append(grant)
        }
        let truncated = waiting.count > listed.count
        // The members in sorted order, as GNAPJSON writes every object.
        var body = Array(#"{"blocks":"#.utf8)
        body += encodedBlocks
        body += Array(#","items":["#.utf8)
        body += items
        body += Array(#"],"latest_event_id":\#(latestEventID)"#.utf8)
        if truncated, let last = listed.last {
            let cursor = GrantCursor(createdAt: last.lifecycle.createdAt.unixMilliseconds, id: last.id)
            body += Array(#","next_cursor":"#.utf8)
            body += try encoder.encode(cursor.text)
        }
        body += Array(#","truncated":\#(truncated)"#.utf8)
        body.append(UInt8(ascii: "}"))
        return InboxPage(body: body, listed: listed.map(\.id))
    }
}
