import Foundation

extension ResourceServerDiscovery {
    /// Checks the document as an RS should before trusting it (RFC 9767 §3.1): every endpoint an absolute `https`
    /// URL with a host and no fragment, every token format a registered one. `allowHTTP` admits `http` endpoints for
    /// local development and tests, never for a deployment reached over a network (§5.1).
    public func validate(allowHTTP: Bool = false) throws(GNAPError) {
        try Self.checkEndpoint(grantRequestEndpoint, member: "grant_request_endpoint", allowHTTP: allowHTTP)
        if let introspectionEndpoint {
            try Self.checkEndpoint(introspectionEndpoint, member: "introspection_endpoint", allowHTTP: allowHTTP)
        }
        if let resourceRegistrationEndpoint {
            try Self.checkEndpoint(
                resourceRegistrationEndpoint, member: "resource_registration_endpoint", allowHTTP: allowHTTP)
        }
        if let jwksURI { try Self.checkEndpoint(jwksURI, member: "jwks_uri", allowHTTP: allowHTTP) }
        if let tokenFormatsSupported {
            try TokenFormat.checkRegistered(tokenFormatsSupported, member: "token_formats_supported")
        }
    }

    /// §3.1: "a URL with a scheme component that MUST be https, a host component, and optionally, port, path and
    /// query components and no fragment components".
    static func checkEndpoint(_ value: String, member: String, allowHTTP: Bool) throws(GNAPError) {
        guard let url = URLComponents(string: value), let scheme = url.scheme?.lowercased(),
            let host = url.host, !host.isEmpty
        else { throw GNAPError(.invalidRequest, "'\(member)' is not an absolute URL") }
        guard scheme == "https" || (allowHTTP && scheme == "http") else {
            throw GNAPError(.invalidRequest, "'\(member)' must be an https URL")
        }
        guard url.fragment == nil else { throw GNAPError(.invalidRequest, "'\(member)' must not have a fragment") }
    }
}
