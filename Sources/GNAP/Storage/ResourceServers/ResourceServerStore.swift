/// The resource servers the AS knows and the resource sets they registered (RFC 9767 §3.2, §3.4).
///
/// A backend implements eight calls over two tables: servers (identifier, key thumbprint, key, display name, served
/// types and locations, `registered`, origin, creation time) and sets (reference, server, access, token formats,
/// introspection flag, creation time). Audit events passed in are written in the same transaction as the change.
public protocol ResourceServerStore: Sendable {
    func resourceServer(id: String) async throws -> ResourceServerRecord?
    /// The RS whose key has this RFC 7638 thumbprint (a pre-registered one first).
    func resourceServer(thumbprint: String) async throws -> ResourceServerRecord?
    /// Every known RS, pre-registered ones first.
    func resourceServers() async throws -> [ResourceServerRecord]
    /// Stores an RS trusted on first use (never `registered`). An identifier or key already known is a
    /// ``StoreError/conflict(_:)``.
    func insertResourceServer(_ server: ResourceServerRecord, audit: [AuditEvent]) async throws
    /// Makes the pre-registered RSes exactly `servers` (all `registered`), in one transaction: new ones are inserted,
    /// known ones take the file's key, name and scope, and RSes no longer listed stop being registered (they keep
    /// their resource sets, unvetted). An identifier or key of an RS trusted on first use is a
    /// ``StoreError/conflict(_:)``.
    func registerResourceServers(_ servers: [ResourceServerRecord], audit: [AuditEvent]) async throws

    func resourceSet(reference: String) async throws -> ResourceSetRecord?
    /// The sets one RS registered (nil: every set), oldest first.
    func resourceSets(resourceServerID: String?) async throws -> [ResourceSetRecord]
    /// Stores a new set. A reference already used is a ``StoreError/conflict(_:)``.
    func insertResourceSet(_ set: ResourceSetRecord, audit: [AuditEvent]) async throws
}

extension ResourceServerStore {
    /// Every RS and set, for decisions that look at all of them at once (a grant's review, introspection scope).
    public func resourceServerDirectory() async throws -> ResourceServerDirectory {
        ResourceServerDirectory(
            servers: try await resourceServers(), sets: try await resourceSets(resourceServerID: nil))
    }
}
