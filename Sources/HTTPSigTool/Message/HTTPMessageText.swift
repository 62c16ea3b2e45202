/// One HTTP/1.1 message as text (RFC 9112 §2.1): a start line, field lines, an empty line, and the body.
///
/// The field lines are kept exactly as read (original case, order, obsolete line folding), and so is the body, so a
/// message can be written back with only new field lines added. A chunked body (§7.1) is also decoded: ``content``
/// is what Content-Digest covers (RFC 9530 §2) and ``trailers`` what `;tr` components read (RFC 9421 §2.1.4).
public struct HTTPMessageText: Sendable, Hashable {
    public var startLine: StartLine
    /// The header field lines in their original order.
    public var fields: [FieldLine]
    /// Every byte after the empty line that ends the header section: the message body as sent (RFC 9112 §6).
    public var body: [UInt8]
    /// The content (RFC 9110 §6.4): the body without its chunked transfer coding, or the body itself.
    public var content: [UInt8]
    /// The trailer field lines of a chunked body in their original order (RFC 9112 §7.1.2); nil when the body is not
    /// chunked, so the message has no trailer section at all.
    public var trailers: [FieldLine]?
    /// The line ending of the start line; new lines are written with it.
    public var lineEnding: LineEnding

    /// A message whose body is not chunked: its content is the body and it has no trailers.
    public init(startLine: StartLine, fields: [FieldLine] = [], body: [UInt8] = [], lineEnding: LineEnding = .crlf) {
        self.startLine = startLine
        self.fields = fields
        self.body = body
        self.content = body
        self.trailers = nil
        self.lineEnding = lineEnding
    }

    /// Whether this is a request (rather than a response).
    public var isRequest: Bool {
        if case .request = startLine { return true }
        return false
    }

    /// The values of every field line with this name (compared case-insensitively), in order.
    public func values(of name: String) -> [String] {
        let lowered = name.lowercased()
        return fields.filter { $0.name.lowercased() == lowered }.map(\.value)
    }
}

/// How lines end: CRLF as on the wire (RFC 9112 §2.1), or a bare LF, which recipients may accept (§2.2).
public enum LineEnding: String, Sendable, Hashable {
    case crlf = "\r\n"
    case lf = "\n"

    var bytes: [UInt8] { Array(rawValue.utf8) }
}
