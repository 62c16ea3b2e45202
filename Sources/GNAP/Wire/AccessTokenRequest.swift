/// A request for one access token (RFC 9635 §2.1.1).
public struct AccessTokenRequest: Sendable, Hashable, Codable {
    public var access: [AccessRight]
    public var label: String?
    public var flags: [String]?

    public init(access: [AccessRight], label: String? = nil, flags: [String]? = nil) {
        self.access = access
        self.label = label
        self.flags = flags
    }

    private enum CodingKeys: String, CodingKey {
        case access, label, flags
    }
}

/// The `access_token` member of a grant request: one token (an object) or several (an array, §2.1.2).
public enum AccessTokenRequests: Sendable, Hashable, Codable {
    case single(AccessTokenRequest)
    case multiple([AccessTokenRequest])

    /// The requests in order.
    public var requests: [AccessTokenRequest] {
        switch self {
        case .single(let request): [request]
        case .multiple(let requests): requests
        }
    }

    public init(from decoder: any Decoder) throws {
        // Decide by the JSON shape, so an error inside an array element is reported at that element.
        if (try? decoder.unkeyedContainer()) != nil {
            self = .multiple(try decoder.singleValueContainer().decode([AccessTokenRequest].self))
        } else {
            self = .single(try decoder.singleValueContainer().decode(AccessTokenRequest.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .single(let request): try container.encode(request)
        case .multiple(let requests): try container.encode(requests)
        }
    }
}
