/// The first line of a message: a request line (RFC 9112 §3) or a status line (§4).
public enum StartLine: Sendable, Hashable {
    case request(method: String, target: RequestTarget, version: String)
    /// `reason` is nil when the status line ends right after the code.
    case response(version: String, status: Int, reason: String?)
}

extension StartLine {
    /// Parses a start line. A line that begins with `HTTP/` is a status line, anything else a request line.
    static func parse(_ line: String) throws(HTTPMessageTextError) -> StartLine {
        guard !line.isEmpty else { throw .invalidStartLine(line) }
        if line.hasPrefix("HTTP/") { return try parseStatusLine(line) }
        // §3: method SP request-target SP HTTP-version, single spaces.
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { throw .invalidStartLine(line) }
        let method = String(parts[0])
        guard method.utf8.allSatisfy(HTTPSyntax.isTokenCharacter) else { throw .invalidMethod(method) }
        let version = String(parts[2])
        guard isHTTPVersion(version) else { throw .invalidHTTPVersion(version) }
        let target = try RequestTarget.parse(String(parts[1]), method: method)
        return .request(method: method, target: target, version: version)
    }

    /// §4: HTTP-version SP status-code SP [ reason-phrase ]; a missing final space is tolerated.
    private static func parseStatusLine(_ line: String) throws(HTTPMessageTextError) -> StartLine {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2 else { throw .invalidStartLine(line) }
        let version = String(parts[0])
        guard isHTTPVersion(version) else { throw .invalidHTTPVersion(version) }
        let code = parts[1]
        // status-code = 3DIGIT; RFC 9110 §15: values outside 100...599 are invalid (and "053" would not be written
        // back as it was read).
        guard code.utf8.count == 3, code.utf8.allSatisfy(HTTPSyntax.isDigit), let status = Int(code),
            (100...599).contains(status)
        else {
            throw .invalidStatusCode(String(code))
        }
        let reason = parts.count == 3 ? String(parts[2]) : nil
        // reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
        guard (reason ?? "").utf8.allSatisfy({ $0 == 0x09 || $0 >= 0x20 && $0 != 0x7F }) else {
            throw .invalidStartLine(line)
        }
        return .response(version: version, status: status, reason: reason)
    }

    /// §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT
    private static func isHTTPVersion(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 8 && text.hasPrefix("HTTP/") && HTTPSyntax.isDigit(bytes[5])
            && bytes[6] == UInt8(ascii: ".")
            && HTTPSyntax.isDigit(bytes[7])
    }

    /// The line as text, e.g. `POST /foo HTTP/1.1`.
    var text: String {
        switch self {
        case .request(let method, let target, let version): "\(method) \(target.text) \(version)"
        case .response(let version, let status, let reason):
            reason.map { "\(version) \(status) \($0)" } ?? "\(version) \(status)"
        }
    }
}
