/// An incremental `text/event-stream` parser: feed it the body in whatever chunks the network delivers and it
/// returns the complete events. Lines may end in CR, LF or CRLF, and a chunk may end anywhere (inside a line, inside
/// a multi-byte character, between the CR and LF of one line end), so bytes are kept until their line is complete.
public struct ServerSentEventParser: Sendable {
    /// The reconnection delay the server asked for with `retry:`, if any.
    public private(set) var retry: Duration?
    /// The id of the last event (kept across events, as EventSource does, for `Last-Event-ID`).
    public private(set) var lastEventID: String?
    /// The longest line accepted; a longer one means a broken or hostile stream.
    public let maximumLineLength: Int

    private var line: [UInt8] = []
    private var skipsLineFeed = false
    private var eventName = ""
    private var data: [String] = []
    private var hasData = false

    /// - Parameter maximumLineLength: default 1 MiB.
    public init(maximumLineLength: Int = 1 << 20) {
        self.maximumLineLength = maximumLineLength
    }

    /// Thrown when a line grows past ``maximumLineLength``.
    public struct LineTooLong: Error, Hashable {}

    /// Consumes `bytes` and returns the events they completed, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(LineTooLong) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if skipsLineFeed {
                skipsLineFeed = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0D:
                skipsLineFeed = true
                if let event = endLine() { events.append(event) }
            case 0x0A:
                if let event = endLine() { events.append(event) }
            default:
                guard line.count < maximumLineLength else { throw LineTooLong() }
                line.append(byte)
            }
        }
        return events
    }

    /// Processes the finished line; a blank line dispatches the event collected so far.
    private mutating func endLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return dispatch() }
        if line.first == UInt8(ascii: ":") { return nil }  // a comment, e.g. a keep-alive
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = text[...]
            value = ""
        }
        switch field {
        case "event": eventName = String(value)
        case "data":
            data.append(String(value))
            hasData = true
        // An id containing NUL is ignored, as the format requires.
        case "id" where !value.contains("\u{0}"): lastEventID = String(value)
        case "retry":
            if let milliseconds = Int64(value), value.allSatisfy(\.isASCII) { retry = .milliseconds(milliseconds) }
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            eventName = ""
            data.removeAll()
            hasData = false
        }
        guard hasData else { return nil }
        return ServerSentEvent(
            id: lastEventID, event: eventName.isEmpty ? "message" : eventName, data: data.joined(separator: "\n"))
    }
}
