/// The end user a grant request names (RFC 9635 §2.4 `user`, §2.2 `subject.sub_ids`), as the AS resolved it when
/// the request arrived. The approving account must be this user, else the grant fails with `unknown_user` (§2.4).
public struct RequestedUser: Sendable, Hashable, Codable {
    /// Identifiers the client gave, plus those the AS derived from a user reference or a verified assertion.
    public var subIDs: [SubjectIdentifier]
    /// The user reference (§2.4.1) the request used, if any.
    public var reference: String?
    /// Formats of the assertions the AS verified (they named the user through their subject).
    public var verifiedAssertionFormats: [String]
    /// Formats of assertions the AS cannot verify; they were ignored (§2.4: assertions SHOULD be validated).
    public var ignoredAssertionFormats: [String]

    public init(
        subIDs: [SubjectIdentifier], reference: String? = nil, verifiedAssertionFormats: [String] = [],
        ignoredAssertionFormats: [String] = []
    ) {
        self.subIDs = subIDs
        self.reference = reference
        self.verifiedAssertionFormats = verifiedAssertionFormats
        self.ignoredAssertionFormats = ignoredAssertionFormats
    }

    /// Whether the request names anyone the AS can check (an empty list of identifiers names no one).
    public var namesAUser: Bool { !subIDs.isEmpty }

    /// Whether `account` is the named user: every identifier in a format this AS can check must identify the account,
    /// and at least one must be checkable. Identifiers in other formats (e.g. `phone_number`, which this AS does not
    /// keep) are hints it cannot confirm and are ignored; a request naming the user only in such formats never
    /// matches, since the AS cannot know the user it names (`unknown_user`, §3.6).
    public func matches(_ account: Account, issuer: String) -> Bool {
        let checked = subIDs.compactMap { $0.identifies(account, issuer: issuer) }
        return !checked.isEmpty && checked.allSatisfy { $0 }
    }

    private enum CodingKeys: String, CodingKey {
        case subIDs = "sub_ids"
        case reference
        case verifiedAssertionFormats = "verified_assertion_formats"
        case ignoredAssertionFormats = "ignored_assertion_formats"
    }
}

extension SubjectIdentifier {
    /// Whether this identifier names `account` at the AS `issuer`; nil when the AS cannot tell (a format it does not
    /// keep values for).
    public func identifies(_ account: Account, issuer: String) -> Bool? {
        switch format {
        case "opaque":
            return members["id"] == account.opaqueSubject
        case "email":
            // Domains are case-insensitive and so, at this AS, are whole addresses (accounts hold one address each).
            guard let email = members["email"], let own = account.email else { return false }
            return email.lowercased() == own.lowercased()
        case "iss_sub":
            // The AS's own issuer and subject pair (§3.4); a pair from another issuer names someone elsewhere.
            return members["iss"] == issuer && members["sub"] == account.opaqueSubject
        default:
            return nil
        }
    }
}
