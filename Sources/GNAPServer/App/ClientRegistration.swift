import GNAP

/// Loads the operator's pre-registered clients (`gnapterm serve --clients FILE`) into the store on start.
public enum ClientRegistration {
    /// Makes the store's registered clients exactly those of `registry` (see
    /// ``ClientInstanceStore/registerClients(_:audit:)``).
    public static func apply(_ registry: ClientRegistry, to store: any ClientInstanceStore, now: WallInstant)
        async throws
    {
        let ids = registry.entries.map(\.id)
        try await store.registerClients(
            registry.entries.map { $0.record(createdAt: now) },
            audit: [
                AuditEvent(
                    grantID: nil, at: now, kind: .clientsRegistered,
                    detail: ids.isEmpty
                        ? "no pre-registered clients" : "pre-registered clients: " + ids.joined(separator: ", "))
            ])
    }
}
