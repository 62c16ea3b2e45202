/// Compares the `uri` a JWS proof signs with the request's target URI (§7.3.3: "an absolute URI, including all
/// path and query components and no fragment component"), after the syntax-based normalization of RFC 3986
/// §6.2.2.1 and the scheme-based one of §6.2.3 (case of scheme and host, default port, empty path), so that
/// `HTTPS://AS.example:443` names `https://as.example/`. Nothing else is normalized: a path or query that differs in
/// any other way is another resource.
enum TargetURI {
    static func matches(signed: String, actual: String) -> Bool {
        if signed == actual { return !signed.utf8.contains(UInt8(ascii: "#")) }
        guard let signed = normalized(signed), let actual = normalized(actual) else { return false }
        return signed == actual
    }

    /// The normalized form of an absolute `http` or `https` URI; nil for anything else (no scheme or authority,
    /// user information, a fragment).
    static func normalized(_ uri: String) -> String? {
        guard !uri.utf8.contains(UInt8(ascii: "#")), let colon = uri.firstIndex(of: ":") else { return nil }
        let scheme = uri[..<colon].lowercased()
        let defaultPort: Substring
        switch scheme {
        case "https": defaultPort = "443"
        case "http": defaultPort = "80"
        default: return nil
        }
        let afterScheme = uri[uri.index(after: colon)...]
        guard afterScheme.hasPrefix("//") else { return nil }
        let authorityAndRest = afterScheme.dropFirst(2)
        let authorityEnd = authorityAndRest.firstIndex { $0 == "/" || $0 == "?" } ?? authorityAndRest.endIndex
        let authority = authorityAndRest[..<authorityEnd]
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var host = authority
        var port: Substring = ""
        let hostEnd: Substring.Index? =
            authority.hasPrefix("[") ? authority.firstIndex(of: "]").map(authority.index(after:)) : nil
        if let portColon = authority[(hostEnd ?? authority.startIndex)...].lastIndex(of: ":") {
            host = authority[..<portColon]
            port = authority[authority.index(after: portColon)...]
            guard port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber) else { return nil }
        }
        let rest = authorityAndRest[authorityEnd...]
        let path = rest.isEmpty || rest.hasPrefix("?") ? "/" + rest : String(rest)
        let portPart = port.isEmpty || port == defaultPort ? "" : ":" + port
        return scheme + "://" + host.lowercased() + portPart + path
    }
}
