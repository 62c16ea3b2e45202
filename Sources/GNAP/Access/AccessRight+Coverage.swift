extension AccessRight {
    /// Whether this right asks for nothing beyond `granted` (RFC 9635 §8). Deliberately conservative, because the
    /// meaning of a member is up to each API: reference strings must be equal (§8.1); objects must have the same
    /// `type`, `identifier` and API-specific members, and each of `actions`, `locations`, `datatypes` and
    /// `privileges` must be a subset of the granted one, or absent from both (an absent member might mean "any").
    public func isCovered(by granted: AccessRight) -> Bool {
        switch (self, granted) {
        case (.reference(let asked), .reference(let given)):
            return asked == given
        case (.object(let asked), .object(let given)):
            guard asked.type == given.type, asked.identifier == given.identifier,
                asked.additional == given.additional
            else { return false }
            return Self.subset(asked.actions, of: given.actions) && Self.subset(asked.locations, of: given.locations)
                && Self.subset(asked.datatypes, of: given.datatypes)
                && Self.subset(asked.privileges, of: given.privileges)
        default:
            return false
        }
    }

    private static func subset(_ asked: [String]?, of given: [String]?) -> Bool {
        switch (asked, given) {
        case (nil, nil): true
        case (let asked?, let given?): Set(asked).isSubset(of: given)
        default: false
        }
    }
}
