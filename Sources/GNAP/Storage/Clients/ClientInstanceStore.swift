/// The client instances the AS knows (RFC 9635 §2.3, §3.5), dynamic or pre-registered, and their keys (§7.2).
public protocol ClientInstanceStore: Sendable {
    func insertClientInstance(_ instance: ClientInstanceRecord) async throws
    func clientInstance(id: String) async throws -> ClientInstanceRecord?
    func clientInstance(thumbprint: String) async throws -> ClientInstanceRecord?
    /// Binds a client instance to a new key in one transaction: the instance, its unfinished grants (their
    /// continuation) and the tokens still bound to the old key all move to the new key ("or its most recent
    /// rotation", RFC 9635 §7.2).
    func rotateClientInstanceKey(id: String, to key: ClientKeyBinding, audit: [AuditEvent]) async throws
    /// Makes the pre-registered clients exactly `clients` (all with `registered` set), in one transaction: new ones
    /// are inserted, known ones take the registry's key and display, and instances no longer listed stop being
    /// registered (they keep working as ordinary, unvetted instances). A `clients` identifier already used by a
    /// dynamic instance is a ``StoreError/conflict(_:)``.
    func registerClients(_ clients: [ClientInstanceRecord], audit: [AuditEvent]) async throws
}
