/// An issued access token. Neither its value nor its management token is stored, only their hashes.
public struct AccessTokenRecord: Sendable, Hashable, Codable {
    public var id: String
    public var grantID: String
    public var tokenHash: String
    /// Hash of the token management access token (RFC 9635 §3.2.1 `manage.access_token`).
    public var managementTokenHash: String?
    public var label: String?
    public var access: [AccessRight]
    public var flags: [String]
    /// The key the token is bound to (RFC 9635 §7.2): the client's key or its most recent rotation; nil only for
    /// bearer tokens.
    public var boundKey: ClientKeyBinding?
    public var issuedAt: WallInstant
    public var expiresAt: WallInstant?
    public var revokedAt: WallInstant?
    // RFC 9767 additions, nil on tokens issued before them.
    /// The token's format (RFC 9767 §2.2, e.g. `jwt-signed`); nil for an opaque value.
    public var format: String? = nil
    /// The RSes the token is meant for (§2.1.3): the origins of its rights' locations.
    public var audience: [String]? = nil
    /// The resource owner's identifier (§2.1.9), when the grant released the subject.
    public var subject: String? = nil
    /// The token a resource server presented to derive this one (§4); this token works only while that one does.
    public var parentTokenID: String? = nil

    public var boundKeyThumbprint: String? { boundKey?.thumbprint }
    public var isBearer: Bool { flags.contains(AccessTokenFlag.bearer) }
    /// Whether the token survives a modification of its grant (RFC 9635 §3.2.1 `durable`).
    public var isDurable: Bool { flags.contains(AccessTokenFlag.durable) }

    public init(
        id: String, grantID: String, tokenHash: String, managementTokenHash: String? = nil, label: String?,
        access: [AccessRight], flags: [String], boundKey: ClientKeyBinding?, issuedAt: WallInstant,
        expiresAt: WallInstant?, revokedAt: WallInstant? = nil
    ) {
        self.id = id
        self.grantID = grantID
        self.tokenHash = tokenHash
        self.managementTokenHash = managementTokenHash
        self.label = label
        self.access = access
        self.flags = flags
        self.boundKey = boundKey
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the token can be used at `now`.
    public func isActive(at now: WallInstant) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }
}
