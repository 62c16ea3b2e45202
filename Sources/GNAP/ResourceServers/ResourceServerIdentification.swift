/// How an RS identifies itself in a call to the AS (RFC 9767 §3.2): its key by value, as a client instance would
/// (RFC 9635 §7.1), or an instance identifier the AS gave it before (§3.4 `instance_id`).
public typealias ResourceServerIdentification = ValueOrReference<ResourceServerKey>

/// An RS presented by value: the key it signs with (RFC 9767 §3.2, in the shape of RFC 9635 §7.1).
public struct ResourceServerKey: Sendable, Hashable, Codable {
    public var key: ClientKeyValue

    public init(key: ClientKeyValue) { self.key = key }

    private enum CodingKeys: String, CodingKey {
        case key
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // A key given by reference inside the object is not a form §3.2 defines: the reference form is the whole
        // `resource_server` member as a string.
        if (try? container.decode(String.self, forKey: .key)) != nil {
            throw GNAPError(
                .invalidResourceServer,
                "'resource_server.key' must be a key object; identify by reference with a string 'resource_server'")
        }
        key = try container.decode(ClientKeyValue.self, forKey: .key)
    }
}
