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
}
