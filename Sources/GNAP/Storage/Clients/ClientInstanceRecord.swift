/// A client instance the AS has seen, identified to the client by `instance_id` (§3.5).
public struct ClientInstanceRecord: Sendable, Hashable, Codable {
    public var id: String
    public var key: ClientKeyBinding
    public var display: ClientDisplay?
    public var createdAt: WallInstant
    /// Pre-registered by the AS operator (`gnapterm serve --clients`): its display is vetted, and it takes precedence
    /// over what a request says (§2.3).
    public var registered: Bool

    public init(
        id: String, key: ClientKeyBinding, display: ClientDisplay?, createdAt: WallInstant, registered: Bool = false
    ) {
        self.id = id
        self.key = key
        self.display = display
        self.createdAt = createdAt
        self.registered = registered
    }
}
