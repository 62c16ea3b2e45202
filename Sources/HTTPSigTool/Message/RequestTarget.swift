/// The request target of a request line in one of its four forms (RFC 9112 §3.2).
public enum RequestTarget: Sendable, Hashable {
    /// `/path?query` (§3.2.1).
    case origin(String)
    /// `scheme://authority/path?query` (§3.2.2); the authority and the path-and-query are split out.
    case absolute(uri: String, scheme: String, authority: String, pathAndQuery: String)
    /// `host:port`, for CONNECT only (§3.2.3).
    case authority(String)
    /// `*`, for a server-wide OPTIONS (§3.2.4).
    case asterisk

    /// The target as written in the request line.
    public var text: String {
        switch self {
        case .origin(let target): target
        case .absolute(let uri, _, _, _): uri
        case .authority(let authority): authority
        case .asterisk: "*"
        }
    }

    static func parse(_ text: String, method: String) throws(HTTPMessageTextError) -> RequestTarget {
        // A request target is a URI reference without spaces or controls: visible ASCII only (RFC 3986 §2).
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalidRequestTarget(text)
        }
        if text.hasPrefix("/") { return .origin(text) }
        if text == "*" { return .asterisk }
        if method == "CONNECT" {
            guard !text.contains("/"), !text.contains("?") else { throw .invalidRequestTarget(text) }
            return .authority(text)
        }
        guard let separator = text.range(of: "://"), separator.lowerBound > text.startIndex else {
            throw .invalidRequestTarget(text)
        }
        let scheme = text[..<separator.lowerBound]
        // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        guard let first = scheme.utf8.first, HTTPSyntax.isAlpha(first),
            scheme.utf8.allSatisfy({ HTTPSyntax.isAlpha($0) || HTTPSyntax.isDigit($0) || "+-.".utf8.contains($0) })
        else { throw .invalidRequestTarget(text) }
        let rest = text[separator.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = String(rest[..<end])
        guard !authority.isEmpty else { throw .invalidRequestTarget(text) }
        return .absolute(
            uri: text, scheme: scheme.lowercased(), authority: authority, pathAndQuery: String(rest[end...]))
    }
}
