/// The `WWW-Authenticate: GNAP` challenge of an RS (RFC 9635 §9.1): where to ask for a token (`as_uri`), which RS
/// sent the client (`referrer`, to send back as `Referer`) and an access reference that covers the refused request
/// (`access`, RFC 9635 §8.1, e.g. a resource reference registered by RFC 9767 §3.4).
public struct GNAPChallenge: Sendable, Hashable {
    public var asURI: String?
    public var referrer: String?
    public var access: String?

    public init(asURI: String? = nil, referrer: String? = nil, access: String? = nil) {
        self.asURI = asURI
        self.referrer = referrer
        self.access = access
    }

    /// The field value, as RFC 9110 §11.6.1 writes a challenge: the scheme, then comma-separated parameters with
    /// quoted-string values (URIs are not tokens, so they must be quoted).
    public var fieldValue: String {
        let parameters = [("as_uri", asURI), ("access", access), ("referrer", referrer)]
            .compactMap { name, value in value.map { "\(name)=\(Self.quoted($0))" } }
        return parameters.isEmpty ? "GNAP" : "GNAP " + parameters.joined(separator: ", ")
    }

    static func quoted(_ value: String) -> String {
        var result = "\""
        for character in value {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}
