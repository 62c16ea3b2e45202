import HTTPMessageSignatures
import HTTPTypes

/// Reads the HTTP/1.1 message text of the RFC 9421 §2 examples (display form: LF line ends) into an `HTTPMessage`,
/// as an HTTP/1.1 parser in front of this library would.
///
/// - A start line `HTTP/1.1 200 OK` makes a response; `METHOD target HTTP/1.1` a request, with the four
///   request-target forms of RFC 9112 §3.2 represented as ``HTTPMessageSignatures`` expects them (absolute URI in
///   `path`, CONNECT's authority-form as the authority, `*` as the path). Text without a start line is a fragment
///   of field lines, read as the fields of `GET /`.
/// - Field lines keep `Host` (the examples cover it as a field) and also make it the authority.
/// - obs-fold (a line starting with SP or HTAB continues the previous field line) is replaced by a single SP,
///   as RFC 9421 §2.1 step 3 and RFC 9112 §5.2 ask: `HTTPFields` cannot hold a line break.
/// - A chunked body (RFC 9112 §7.1) is decoded and its trailer section returned as trailers.
struct HTTP1MessageText {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    let message: HTTPMessage
    let body: [UInt8]

    init(_ text: String, scheme: String = "https") throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let startLine = lines.first ?? ""
        let parts = startLine.split(separator: " ", maxSplits: 2).map(String.init)
        let isResponse = startLine.hasPrefix("HTTP/")
        let isRequest = !isResponse && parts.count == 3 && parts[2].hasPrefix("HTTP/")
        if isResponse || isRequest { lines.removeFirst() }
        let blank = lines.firstIndex(of: "") ?? lines.endIndex
        let fields = try Self.fields(lines[..<blank])
        var body: [UInt8] = []
        var trailers: HTTPFields?
        if blank < lines.endIndex {
            let content = lines[(blank + 1)...].joined(separator: "\n")
            if fields[HTTPField.Name("Transfer-Encoding")!]?.lowercased() == "chunked" {
                (body, trailers) = try Self.dechunk(content)
            } else {
                body = Array(content.utf8)
            }
        }
        self.body = body
        if isResponse {
            guard parts.count >= 2, let code = Int(parts[1]) else { throw ParseError(description: startLine) }
            let response = HTTPResponse(status: HTTPResponse.Status(code: code), headerFields: fields)
            message = .response(response, request: nil, trailers: trailers)
            return
        }
        let (methodName, target) = isRequest ? (parts[0], parts[1]) : ("GET", "/")
        guard let method = HTTPRequest.Method(methodName) else { throw ParseError(description: startLine) }
        let host = fields[.host]
        var request: HTTPRequest
        if method == .connect {
            request = HTTPRequest(method: method, scheme: nil, authority: target, path: nil)
        } else {
            request = HTTPRequest(method: method, scheme: scheme, authority: host, path: target)
        }
        request.headerFields = fields
        message = .request(request, trailers: trailers)
    }

    private static func fields(_ lines: ArraySlice<String>) throws -> HTTPFields {
        var parsed: [(name: HTTPField.Name, value: String)] = []
        for line in lines {
            if line.first == " " || line.first == "\t" {
                // obs-fold: OWS CRLF RWS becomes one SP.
                guard let last = parsed.popLast() else { throw ParseError(description: "fold without a field") }
                parsed.append((last.name, trimmed(last.value) + " " + trimmed(line)))
                continue
            }
            guard let colon = line.firstIndex(of: ":"), let name = HTTPField.Name(String(line[..<colon])) else {
                throw ParseError(description: "not a field line: \(line)")
            }
            parsed.append((name, trimmed(String(line[line.index(after: colon)...]))))
        }
        return HTTPFields(parsed.map { HTTPField(name: $0.name, value: $0.value) })
    }

    /// Chunks of `size-in-hex LF data LF`, a last chunk `0`, then trailer field lines.
    private static func dechunk(_ content: String) throws -> ([UInt8], HTTPFields) {
        var rest = Substring(content)
        var body: [UInt8] = []
        while true {
            let sizeLine = rest.prefix { $0 != "\n" }
            guard let size = Int(sizeLine, radix: 16) else { throw ParseError(description: "chunk size \(sizeLine)") }
            rest = rest.dropFirst(sizeLine.count + 1)
            if size == 0 { break }
            let data = rest.utf8.prefix(size)
            guard data.count == size else { throw ParseError(description: "short chunk") }
            body += data
            rest = Substring(rest.utf8.dropFirst(size + 1))
        }
        let trailerLines = rest.split(separator: "\n").map(String.init)
        return (body, try fields(ArraySlice(trailerLines)))
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
