/// The `user` member of a grant request (RFC 9635 §2.4): identifiers and assertions about the end user, or a
/// reference (§2.4.1).
public enum UserRequest: Sendable, Hashable, Codable {
    case value(UserValue)
    case reference(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let reference = try? container.decode(String.self) {
            self = .reference(reference)
        } else {
            self = .value(try container.decode(UserValue.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .value(let value): try container.encode(value)
        case .reference(let reference): try container.encode(reference)
        }
    }
}

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
