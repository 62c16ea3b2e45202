/// The AS's answer to a token introspection call (RFC 9767 §3.3).
///
/// `active: false` carries nothing else ("other fields are omitted"), so the inactive case has no payload: an RS
/// cannot act on stale details of a token that no longer works. Members sent beside `active: false` are ignored.
public enum TokenIntrospectionResponse: Sendable, Hashable, Codable {
    case inactive
    case active(IntrospectedToken)

    private enum CodingKeys: String, CodingKey {
        case active
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if try container.decode(Bool.self, forKey: .active) {
            self = .active(try IntrospectedToken(from: decoder))
        } else {
            self = .inactive
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .inactive:
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(false, forKey: .active)
        case .active(let token):
            try token.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(true, forKey: .active)
        }
    }

    /// The token when active.
    public var token: IntrospectedToken? {
        if case .active(let token) = self { token } else { nil }
    }
}

/// The key an access token is bound to (RFC 9767 §3.3 `key`, "object/string"): by value (RFC 9635 §7.1) or by a
/// reference the RS must already know (§7.1.1).
public typealias BoundKey = ValueOrReference<ClientKeyValue>

/// The `aud` member (RFC 9767 §3.3, RFC 7519 §4.1.3): one identifier or several; the form received is kept.
public enum Audience: Sendable, Hashable, Codable {
    case single(String)
    case multiple([String])

    /// The identifiers, in order.
    public var values: [String] {
        switch self {
        case .single(let value): [value]
        case .multiple(let values): values
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(String.self) {
            self = .single(value)
        } else {
            self = .multiple(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .single(let value): try container.encode(value)
        case .multiple(let values): try container.encode(values)
        }
    }
}
