/// How much one page of `GET /interact/v1/inbox` lists. A page must fit the response limit of every approver (the
/// terminal apps accept 1 MiB), whatever the inbox holds: a page ends at whichever limit comes first, and the
/// approver asks for the next one with the page's `next` cursor.
public struct InboxPageLimits: Sendable, Hashable {
    /// Requests per page.
    public var items: Int
    /// Bytes of the encoded requests and blocked clients per page (a page always lists at least one request, however
    /// large).
    public var bytes: Int

    /// - Parameters:
    ///   - items: default 1,000.
    ///   - bytes: default 768 KiB: three quarters of the approver's 1 MiB response limit (a request the AS accepted
    ///     lists in well under the quarter left).
    public init(items: Int = 1000, bytes: Int = 768 * 1024) {
        self.items = max(1, items)
        self.bytes = max(1, bytes)
    }
}
