/// The URIs the AS hands out, all under its public base URL.
extension PublicURL {
    /// The grant endpoint (RFC 9635 §2), also the last line of the interaction hash base (§4.2.3).
    var grantEndpoint: String { base + "/gnap" }
    /// One continuation URI per grant (§3.1, §5).
    func continuationURI(grantID: String) -> String { base + "/gnap/continue/" + grantID }
    /// The `user_code_uri` page (§3.3.4).
    var userCodePage: String { base + "/device" }
    /// One management URI per access token (§3.2.1, §6).
    func tokenManagementURI(tokenID: String) -> String { base + "/gnap/token/" + tokenID }
    /// Where the AS publishes its assertion keys (a JWK Set, §3.4.1).
    var jwksURI: String { base + "/.well-known/jwks.json" }
    /// RFC 9767 §3.3 token introspection.
    var introspectionEndpoint: String { base + "/gnap/introspect" }
    /// RFC 9767 §3.4 resource set registration.
    var resourceRegistrationEndpoint: String { base + "/gnap/resource" }
    /// The approver interaction API (Assets/openapi.yaml).
    var interactionEndpoint: String { base + "/interact/v1" }
}
