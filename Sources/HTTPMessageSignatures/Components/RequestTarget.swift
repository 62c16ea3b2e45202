import HTTPTypes

/// The request target of a request in one of its four forms (RFC 9112 §3.2), from which the request-derived
/// components of RFC 9421 §2.2 are taken.
///
/// `HTTPRequest` normally holds the origin form (`/path?query`) in `path`. Two HTTP/1.1 forms need a convention:
/// an absolute-form target (a request to a proxy) is kept by putting the absolute URI in `path`, and a CONNECT
/// request has no path, its authority-form target being `authority`. The asterisk form is `path == "*"`.
struct RequestTarget {
    /// The request target exactly as on the HTTP/1.1 request line (`@request-target`, RFC 9421 §2.2.5).
    let raw: String
    /// The scheme of the target URI: the absolute URI's own, otherwise the request's.
    let scheme: String?
    /// The authority of the target URI: the absolute URI's own (RFC 9112 §3.2.2: the Host field is then ignored),
    /// otherwise the request's.
    let authority: String?
    /// The path before percent-decoding. Empty for the authority and asterisk forms: RFC 9112 §3.3 reconstructs
    /// their target URI with an empty path and query, which `@path` then normalizes to `/` (RFC 9421 §2.2.6).
    let path: String?
    /// The query without its `?`; nil when there is none.
    let query: String?
    /// What follows the authority in the target URI (RFC 9112 §3.3: empty for the authority and asterisk forms).
    let pathAndQuery: String

    init(_ request: HTTPRequest) {
        guard let target = request.path else {
            // A CONNECT request carries its authority-form target as the authority (RFC 9112 §3.2.3).
            raw = request.method == .connect ? (request.authority ?? "") : ""
            scheme = request.scheme
            authority = request.authority
            path = ""
            query = nil
            pathAndQuery = ""
            return
        }
        raw = target
        if target == "*" {
            scheme = request.scheme
            authority = request.authority
            path = ""
            query = nil
            pathAndQuery = ""
        } else if let (uriScheme, afterScheme) = Self.splitAbsoluteURI(target) {
            let end = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
            scheme = String(uriScheme)
            authority = String(afterScheme[..<end])
            let rest = String(afterScheme[end...])
            (path, query) = Self.split(rest)
            pathAndQuery = rest
        } else {
            scheme = request.scheme
            authority = request.authority
            (path, query) = Self.split(target)
            pathAndQuery = target
        }
    }

    private static func split(_ pathAndQuery: String) -> (String, String?) {
        guard let mark = pathAndQuery.firstIndex(of: "?") else { return (pathAndQuery, nil) }
        return (String(pathAndQuery[..<mark]), String(pathAndQuery[pathAndQuery.index(after: mark)...]))
    }

    /// `scheme "://" rest` when `target` is an absolute URI (RFC 3986 §3.1 scheme syntax), else nil.
    private static func splitAbsoluteURI(_ target: String) -> (Substring, Substring)? {
        // The usual origin form ("/path") has no scheme: its first character is not a letter. Answering at once saves
        // a substring search on every request.
        guard let first = target.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) else {
            return nil
        }
        guard let separator = target.range(of: "://") else { return nil }
        let scheme = target[..<separator.lowerBound]
        guard let first = scheme.unicodeScalars.first, first.isASCIILetter,
            scheme.unicodeScalars.allSatisfy({
                $0.isASCIILetter || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
            })
        else { return nil }
        return (scheme, target[separator.upperBound...])
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
