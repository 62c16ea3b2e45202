/// A member a client may send by value (an object) or by reference (a string naming something the AS already
/// knows): the client instance (RFC 9635 §2.3, §2.3.1), the end user (§2.4, §2.4.1), each access right (§8, §8.1,
/// through ``AccessRight``), an RS calling the AS and a token's bound key (RFC 9767 §3.2, §3.3). On the wire a string is
/// the reference; anything else must decode as the value.
public enum ValueOrReference<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    case value(Value)
    case reference(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let reference = try? container.decode(String.self) {
            self = .reference(reference)
        } else {
            self = .value(try container.decode(Value.self))
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
