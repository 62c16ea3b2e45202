/// What introspection tells an RS about an active token (RFC 9767 §3.3): the §2.1 token model as far as the AS
/// discloses it to this RS.
///
/// Decoding checks the rules of §3.3 that an RS relies on: `access` and `iss` are required, the token value itself
/// must not be sent, and the key is present exactly when the token is bound (no `bearer` flag).
public struct IntrospectedToken: Sendable, Hashable, Codable {
    /// REQUIRED: the access rights, possibly limited to those that concern the calling RS (may be empty).
    public var access: [AccessRight]
    /// REQUIRED when the token is bound, absent for a bearer token: the key whose proof the RS must check.
    public var key: BoundKey?
    /// Flags of the token (RFC 9635 §2.1.1, §3.2.1), e.g. `bearer`, `durable`.
    public var flags: [String]?
    /// Unix seconds after which the token is no longer valid.
    public var exp: Int64?
    /// Unix seconds at which the AS issued the token.
    public var iat: Int64?
    /// Unix seconds before which the token is not valid.
    public var nbf: Int64?
    /// The RSes the token may be used at.
    public var aud: Audience?
    /// The resource owner who authorized the token.
    public var sub: String?
    /// REQUIRED: the grant endpoint URL of the issuing AS.
    public var iss: String
    /// The client instance the token was issued to.
    public var instanceID: String?
    /// The token's label (RFC 9635 §2.1, §3.2.1; RFC 9767 §2.1.12).
    public var label: String?
    /// The token identifier (§2.1.8, `jti`).
    public var jti: String?
    /// The token's format from the GNAP Token Formats registry (§2.2: "the AS can return the token's format in an
    /// introspection response"; §3.3 registers no name for it, so this uses `format`). Absent for opaque tokens.
    public var format: String?

    public init(
        access: [AccessRight], key: BoundKey? = nil, flags: [String]? = nil, exp: Int64? = nil, iat: Int64? = nil,
        nbf: Int64? = nil, aud: Audience? = nil, sub: String? = nil, iss: String, instanceID: String? = nil,
        label: String? = nil, jti: String? = nil, format: String? = nil
    ) {
        self.access = access
        self.key = key
        self.flags = flags
        self.exp = exp
        self.iat = iat
        self.nbf = nbf
        self.aud = aud
        self.sub = sub
        self.iss = iss
        self.instanceID = instanceID
        self.label = label
        self.jti = jti
        self.format = format
    }

    /// Whether the token is a bearer token (RFC 9635 §2.1.1).
    public var isBearer: Bool { flags?.contains(AccessTokenFlag.bearer) ?? false }

    private enum CodingKeys: String, CodingKey {
        case access, key, flags, exp, iat, nbf, aud, sub, iss
        case instanceID = "instance_id"
        case label, jti, format
        /// Only read, to refuse it (§3.3: the response "MUST NOT include the access token `value` itself").
        case value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard !container.contains(.value) else {
            throw DecodingError.dataCorruptedError(
                forKey: .value, in: container, debugDescription: "an introspection response must not carry the token")
        }
        access = try container.decode([AccessRight].self, forKey: .access)
        key = try container.decodeIfPresent(BoundKey.self, forKey: .key)
        flags = try container.decodeIfPresent([String].self, forKey: .flags)
        exp = try container.decodeIfPresent(Int64.self, forKey: .exp)
        iat = try container.decodeIfPresent(Int64.self, forKey: .iat)
        nbf = try container.decodeIfPresent(Int64.self, forKey: .nbf)
        aud = try container.decodeIfPresent(Audience.self, forKey: .aud)
        sub = try container.decodeIfPresent(String.self, forKey: .sub)
        iss = try container.decode(String.self, forKey: .iss)
        instanceID = try container.decodeIfPresent(String.self, forKey: .instanceID)
        label = try container.decodeIfPresent(String.self, forKey: .label)
        jti = try container.decodeIfPresent(String.self, forKey: .jti)
        format = try container.decodeIfPresent(String.self, forKey: .format)
        // §3.3: `key` "REQUIRED if the token is bound"; "If the access token is a bearer token, this MUST NOT be
        // included."
        if isBearer, key != nil {
            throw DecodingError.dataCorruptedError(
                forKey: .key, in: container, debugDescription: "a bearer token has no bound key")
        }
        if !isBearer, key == nil {
            throw DecodingError.keyNotFound(
                CodingKeys.key,
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "a bound token's key is required"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(access, forKey: .access)
        try container.encodeIfPresent(key, forKey: .key)
        try container.encodeIfPresent(flags, forKey: .flags)
        try container.encodeIfPresent(exp, forKey: .exp)
        try container.encodeIfPresent(iat, forKey: .iat)
        try container.encodeIfPresent(nbf, forKey: .nbf)
        try container.encodeIfPresent(aud, forKey: .aud)
        try container.encodeIfPresent(sub, forKey: .sub)
        try container.encode(iss, forKey: .iss)
        try container.encodeIfPresent(instanceID, forKey: .instanceID)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(jti, forKey: .jti)
        try container.encodeIfPresent(format, forKey: .format)
    }
}
