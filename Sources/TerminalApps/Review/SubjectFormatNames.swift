import GNAP

/// What the subject identifier formats of RFC 9493 (used by RFC 9635 §2.2) release, in words.
enum SubjectFormatNames {
    /// A description of `format`, or nil when this app does not know it.
    static func description(of format: String) -> String? {
        switch format {
        case "opaque": "an identifier for your account that reveals nothing else"
        case "account": "your account name at this server"
        case "email": "your e-mail address"
        case "iss_sub": "your account identifier at this server (issuer and subject)"
        case "phone_number": "your phone number"
        case "did": "a decentralized identifier (DID) for you"
        case "uri": "a URI that identifies you"
        case "aliases": "several of your identifiers at once"
        default: nil
        }
    }

    /// `email — your e-mail address`, or `x-foo (unknown format)`.
    static func title(of format: String) -> String {
        format + (description(of: format).map { " — " + $0 } ?? " (unknown format)")
    }

    /// What an assertion format (RFC 9635 §3.4.1) releases, in words, or nil when this app does not know it.
    static func assertionDescription(of format: String) -> String? {
        switch format {
        case "id_token": "a statement signed by this server that you approved (OpenID Connect ID Token)"
        case "saml2": "a statement signed by this server about you (SAML 2 assertion)"
        default: nil
        }
    }

    /// `id_token — a statement signed by …`, or `x-foo (unknown assertion format)`.
    static func assertionTitle(of format: String) -> String {
        format + (assertionDescription(of: format).map { " — " + $0 } ?? " (unknown assertion format)")
    }

    /// One identifier as text, e.g. `email alice@example.com` or `iss_sub https://as.example / 8QM`.
    static func identifierText(_ identifier: SubjectIdentifier) -> String {
        let values: [String] =
            switch identifier.format {
            case "opaque": [identifier.members["id"] ?? ""]
            case "email": [identifier.members["email"] ?? ""]
            case "iss_sub": [identifier.members["iss"] ?? "", identifier.members["sub"] ?? ""]
            default: identifier.members.keys.sorted().map { identifier.members[$0] ?? "" }
            }
        return identifier.format + " " + values.joined(separator: " / ")
    }
}
