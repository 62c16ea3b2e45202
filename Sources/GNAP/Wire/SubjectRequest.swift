/// The `subject` member of a grant request (RFC 9635 §2.2).
public struct SubjectRequest: Sendable, Hashable, Codable {
    public var subIDFormats: [String]?
    public var assertionFormats: [String]?
    public var subIDs: [SubjectIdentifier]?

    public init(
        subIDFormats: [String]? = nil, assertionFormats: [String]? = nil, subIDs: [SubjectIdentifier]? = nil
    ) {
        self.subIDFormats = subIDFormats
        self.assertionFormats = assertionFormats
        self.subIDs = subIDs
    }

    private enum CodingKeys: String, CodingKey {
        case subIDFormats = "sub_id_formats"
        case assertionFormats = "assertion_formats"
        case subIDs = "sub_ids"
    }
}

/// A subject identifier (RFC 9493): a `format` and the members that format defines, e.g.
/// `{"format": "email", "email": "user@example.com"}`.
public struct SubjectIdentifier: Sendable, Hashable, Codable {
    public var format: String
    public var members: [String: String]

    public init(format: String, members: [String: String]) {
        self.format = format
        self.members = members
    }

    public static func opaque(_ id: String) -> SubjectIdentifier {
        SubjectIdentifier(format: "opaque", members: ["id": id])
    }
    public static func email(_ email: String) -> SubjectIdentifier {
        SubjectIdentifier(format: "email", members: ["email": email])
    }
    public static func issuerSubject(issuer: String, subject: String) -> SubjectIdentifier {
        SubjectIdentifier(format: "iss_sub", members: ["iss": issuer, "sub": subject])
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        format = try container.decode(String.self, forKey: AnyCodingKey("format"))
        var members: [String: String] = [:]
        for key in container.allKeys where key.stringValue != "format" {
            members[key.stringValue] = try container.decode(String.self, forKey: key)
        }
        self.members = members
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(format, forKey: AnyCodingKey("format"))
        for (name, value) in members { try container.encode(value, forKey: AnyCodingKey(name)) }
    }
}
