/// The AS's own secrets (the user-code pepper, the assertion signing key). The server reads them once at start-up.
/// Values are opaque bytes to the store: in clear, or wrapped by a ``SecretsKey`` (``StoredSecret``).
public protocol SecretStore: Sendable {
    /// The secret named `name`, created with `create` (and kept) if there is none yet.
    func secret(named name: String, create: @Sendable () -> [UInt8]) async throws -> [UInt8]
    /// Replaces the value of secret `name` with `value` if it is still `current` (when a clear secret is wrapped on
    /// the first start with a key); returns whether it was replaced. Several AS instances on one store may race to
    /// do it: one wins, the others read the wrapped value next time.
    func replaceSecret(named name: String, with value: [UInt8], ifCurrent current: [UInt8]) async throws -> Bool
}
