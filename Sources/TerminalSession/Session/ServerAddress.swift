import Foundation

/// Normalizes an AS address typed by a person: adds `http://` when no scheme is given, drops a trailing slash,
/// and refuses anything that is not an http(s) URL with a host.
public enum ServerAddress {
    public static func normalize(_ input: String) throws(SessionError) -> String {
        var text = input.trimmingCharacters(in: .whitespaces)
        if !text.contains("://") { text = "http://" + text }
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host != nil, url.query == nil, url.fragment == nil
        else { throw .invalidServer(input) }
        return text
    }
}
