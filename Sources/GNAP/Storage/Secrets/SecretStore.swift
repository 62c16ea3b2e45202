/// The AS's own secrets (the user-code pepper, the assertion signing key). The server reads them once at start-up.
public protocol SecretStore: Sendable {
    /// The secret named `name`, created with `create` (and kept) if there is none yet.
    func secret(named name: String, create: @Sendable () -> [UInt8]) async throws -> [UInt8]
}
