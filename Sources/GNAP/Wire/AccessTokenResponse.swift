import HTTPMessageSignatures

/// An issued access token (RFC 9635 §3.2.1).
public struct AccessTokenResponse: Sendable, Hashable, Codable {
    public var value: String
    public var label: String?
    public var manage: TokenManagement?
    public var access: [AccessRight]
    public var expiresIn: Int?
    public var key: ClientKeyValue?
    /// The key the token is bound to, named by reference (§3.2.1: `key` as a string, §7.1.1) instead of by value.
    /// This AS never sends one; a client decoding another AS's answer keeps it here.
    public var keyReference: String?
    public var flags: [String]?

    public init(
        value: String, label: String? = nil, manage: TokenManagement? = nil, access: [AccessRight],
        expiresIn: Int? = nil, key: ClientKeyValue? = nil, flags: [String]? = nil
    ) {
        self.value = value
        self.label = label
        self.manage = manage
        self.access = access
        self.expiresIn = expiresIn
        self.key = key
        self.flags = flags
    }

    private enum CodingKeys: String, CodingKey {
        case value, label, manage, access
        case expiresIn = "expires_in"
        case key, flags
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(String.self, forKey: .value)
        label = try container.decodeIfPresent(String.self, forKey: .label)
        manage = try container.decodeIfPresent(TokenManagement.self, forKey: .manage)
        access = try container.decode([AccessRight].self, forKey: .access)
        expiresIn = try container.decodeIfPresent(Int.self, forKey: .expiresIn)
        // §3.2.1: the bound key by value, or a reference string (§7.1.1).
        if let reference = try? container.decodeIfPresent(String.self, forKey: .key) {
            keyReference = reference
        } else {
            key = try container.decodeIfPresent(ClientKeyValue.self, forKey: .key)
        }
        flags = try container.decodeIfPresent([String].self, forKey: .flags)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(manage, forKey: .manage)
        try container.encode(access, forKey: .access)
        try container.encodeIfPresent(expiresIn, forKey: .expiresIn)
        if let key {
            try container.encode(key, forKey: .key)
        } else {
            try container.encodeIfPresent(keyReference, forKey: .key)
        }
        try container.encodeIfPresent(flags, forKey: .flags)
    }
}

/// The `manage` member of an access token (RFC 9635 §3.2.1).
public struct TokenManagement: Sendable, Hashable, Codable {
    public var uri: String
    public var accessToken: TokenValue

    public init(uri: String, accessToken: TokenValue) {
        self.uri = uri
        self.accessToken = accessToken
    }

    private enum CodingKeys: String, CodingKey {
        case uri
        case accessToken = "access_token"
    }
}

/// One token (object) or several (array, §3.2.2).
public enum AccessTokenResponses: Sendable, Hashable, Codable {
    case single(AccessTokenResponse)
    case multiple([AccessTokenResponse])

    public var tokens: [AccessTokenResponse] {
        switch self {
        case .single(let token): [token]
        case .multiple(let tokens): tokens
        }
    }

    public init(from decoder: any Decoder) throws {
        if (try? decoder.unkeyedContainer()) != nil {
            self = .multiple(try decoder.singleValueContainer().decode([AccessTokenResponse].self))
        } else {
            self = .single(try decoder.singleValueContainer().decode(AccessTokenResponse.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .single(let token): try container.encode(token)
        case .multiple(let tokens): try container.encode(tokens)
        }
    }
}
