import Foundation

extension ResourceServerConfiguration {
    /// The checked form the gate works with.
    struct Checked: Sendable {
        var scheme: String
        var authority: String
        var challenge: GNAPChallengeDefaults
    }

    /// Checks the settings once, so a mistake is found at start-up with a sentence, not per request.
    func checked() throws(ResourceServerConfigurationError) -> Checked {
        guard let url = URLComponents(string: publicURL), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty,
            url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil
        else {
            throw ResourceServerConfigurationError(
                "the public URL '\(publicURL)' must be a scheme and an authority, like https://rs.example.com")
        }
        guard let asURL = URLComponents(string: asURI), asURL.scheme != nil, asURL.host != nil else {
            throw ResourceServerConfigurationError("the AS grant endpoint '\(asURI)' is not an absolute URL")
        }
        for (name, value) in [
            ("AS grant endpoint", asURI), ("referrer", referrer), ("access reference", accessReference),
        ] {
            if let value, value.contains(where: { $0 == "\"" || $0 == "\\" || $0.asciiValue.map { $0 < 0x20 } == true })
            {
                throw ResourceServerConfigurationError("the \(name) must not contain quotes, backslashes or controls")
            }
        }
        guard revalidationInterval > .zero else {
            throw ResourceServerConfigurationError("the revalidation interval must be positive")
        }
        guard introspectionCacheCapacity > 0, nonceCapacityPerKey > 0, nonceCapacity >= nonceCapacityPerKey else {
            throw ResourceServerConfigurationError(
                "cache capacities must be positive, and the nonce capacity at least the per-key capacity")
        }
        // An IPv6 literal keeps (or gets) its brackets in an authority.
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let authority = url.port.map { "\(bracketed):\($0)" } ?? bracketed
        return Checked(
            scheme: scheme, authority: authority,
            challenge: GNAPChallengeDefaults(
                asURI: asURI, referrer: referrer ?? "\(scheme)://\(authority)", access: accessReference))
    }
}

/// The parts of a challenge that do not depend on the route.
struct GNAPChallengeDefaults: Sendable {
    var asURI: String
    var referrer: String
    var access: String?
}

/// A setting of ``ResourceServerConfiguration`` that cannot work, in a sentence.
public struct ResourceServerConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
