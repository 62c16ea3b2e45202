import HTTPTypes

/// One signed HTTP/1.1 request, ready to be written to a connection by wrk or sent by the set-up client.
struct RawRequest: Sendable {
    var method: String
    /// The request target (path and query).
    var path: String
    var authority: String
    /// Every header field of the signed request except `Host` and `Content-Length`, which are derived.
    var fields: [HTTPField]
    var body: [UInt8]

    init(method: String, path: String, authority: String, fields: [HTTPField], body: [UInt8]) {
        self.method = method
        self.path = path
        self.authority = authority
        self.fields = fields
        self.body = body
    }

    init(signed request: HTTPRequest, body: [UInt8]) {
        method = request.method.rawValue
        path = request.path ?? "/"
        authority = request.authority ?? ""
        fields = request.headerFields.filter { $0.name != .contentLength && $0.name.rawName.lowercased() != "host" }
        self.body = body
    }

    /// The bytes on the wire (RFC 9112): request line, `Host`, the fields, `Content-Length`, a blank line, the body.
    var wireBytes: [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(authority)\r\n"
        for field in fields { head += "\(field.name.rawName): \(field.value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return Array(head.utf8) + body
    }
}
