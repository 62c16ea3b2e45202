import Foundation
import GNAPClient

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

    /// The AS's own public base URL, as its discovery document names its endpoints (gnapterm's AS puts the
    /// interaction API at `BASE/interact/v1` and the grant endpoint at `BASE/gnap`); nil when neither says.
    ///
    /// This is the AS's one identity: the same server reached as `localhost` or as `127.0.0.1` has the same public
    /// URL, which is what the device shows and what an approver's enrollment is stored under.
    public static func publicBase(of discovery: DiscoveryInfo) -> String? {
        for (endpoint, suffix) in [
            (discovery.interactionEndpoint, "/interact/v1"), (discovery.grantRequestEndpoint, "/gnap"),
        ] {
            guard var text = endpoint else { continue }
            while text.hasSuffix("/") { text.removeLast() }
            guard text.hasSuffix(suffix) else { continue }
            let base = String(text.dropLast(suffix.count))
            if let normalized = try? normalize(base), normalized.contains("://") { return normalized }
        }
        return nil
    }
}
