/// The `user` member of a grant request (RFC 9635 §2.4): identifiers and assertions about the end user, or a
/// reference (§2.4.1).
public typealias UserRequest = ValueOrReference<UserValue>

/// End-user information by value (RFC 9635 §2.4).
public struct UserValue: Sendable, Hashable, Codable {
    public var subIDs: [SubjectIdentifier]?
    public var assertions: [Assertion]?

    public init(subIDs: [SubjectIdentifier]? = nil, assertions: [Assertion]? = nil) {
        self.subIDs = subIDs
        self.assertions = assertions
    }

    private enum CodingKeys: String, CodingKey {
        case subIDs = "sub_ids"
        case assertions
    }
}

/// An assertion (RFC 9635 §3.4.1): a format and its value.
public struct Assertion: Sendable, Hashable, Codable {
    public var format: String
    public var value: String

    public init(format: String, value: String) {
        self.format = format
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case format, value
    }
}
