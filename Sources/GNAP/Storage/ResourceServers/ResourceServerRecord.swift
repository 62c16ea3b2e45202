/// A resource server the AS knows (RFC 9767 §3.2): pre-registered by the operator (`serve --resource-servers`), or
/// trusted on first use when the operator allows it. Its key authenticates its calls; `id` is the instance
/// identifier it may use instead of its key (§3.4 `instance_id`).
public struct ResourceServerRecord: Sendable, Hashable, Codable {
    public var id: String
    public var key: ClientKeyBinding
    /// The name approvers see beside the rights it serves; vetted only when ``registered``.
    public var displayName: String?
    /// Access types (RFC 9635 §8 `type`) the operator says it serves; empty for an RS trusted on first use, which
    /// serves only the resource sets it registered.
    public var accessTypes: [String]
    /// Location prefixes the operator says it serves; empty means any location of its ``accessTypes``.
    public var locations: [String]
    /// Reference strings (RFC 9635 §8.1, e.g. from the AS's access catalog) the operator says it serves.
    public var references: [String]
    /// Pre-registered by the operator: its display name is vetted and its served types are its own.
    public var registered: Bool
    public var createdAt: WallInstant

    public init(
        id: String, key: ClientKeyBinding, displayName: String?, accessTypes: [String] = [], locations: [String] = [],
        references: [String] = [], registered: Bool, createdAt: WallInstant
    ) {
        self.id = id
        self.key = key
        self.displayName = displayName
        self.accessTypes = accessTypes
        self.locations = locations
        self.references = references
        self.registered = registered
        self.createdAt = createdAt
    }
}

/// A set of access rights an RS registered (RFC 9767 §3.4), known to clients by its ``reference``.
public struct ResourceSetRecord: Sendable, Hashable, Codable {
    /// The `resource_reference`: random, so it discloses nothing (§5.10).
    public var reference: String
    public var resourceServerID: String
    /// The rights the reference stands for.
    public var access: [AccessRight]
    /// The token formats the RS can process for this set (§3.4 `token_formats_supported`); nil leaves it to the AS.
    public var tokenFormats: [String]?
    /// Whether the RS said it will introspect tokens for this set (§3.4 `token_introspection_required`).
    public var introspectionRequired: Bool
    public var createdAt: WallInstant

    public init(
        reference: String, resourceServerID: String, access: [AccessRight], tokenFormats: [String]?,
        introspectionRequired: Bool, createdAt: WallInstant
    ) {
        self.reference = reference
        self.resourceServerID = resourceServerID
        self.access = access
        self.tokenFormats = tokenFormats
        self.introspectionRequired = introspectionRequired
        self.createdAt = createdAt
    }
}
