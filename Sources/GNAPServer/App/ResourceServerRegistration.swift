import GNAP

/// Loads the operator's pre-registered resource servers (`gnapterm serve --resource-servers FILE`) into the store
/// on start (RFC 9767 §3.2, §5.13).
public enum ResourceServerRegistration {
    /// Makes the store's registered resource servers exactly those of `registry` (see
    /// ``ResourceServerStore/registerResourceServers(_:audit:)``).
    public static func apply(_ registry: ResourceServerRegistry, to store: any ResourceServerStore, now: WallInstant)
        async throws
    {
        let ids = registry.entries.map(\.id)
        try await store.registerResourceServers(
            registry.entries,
            audit: [
                AuditEvent(
                    grantID: nil, at: now, kind: .resourceServersRegistered,
                    detail: ids.isEmpty
                        ? "no pre-registered resource servers"
                        : "pre-registered resource servers: " + ids.joined(separator: ", "))
            ])
    }
}
