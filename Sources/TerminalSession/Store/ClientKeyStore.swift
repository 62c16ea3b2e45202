import HTTPMessageSignatures

/// The headless device's (client instance's) local key storage: one private key per name.
public protocol ClientKeyStore: Sendable {
    /// The private JWK stored under `name`, if any.
    func clientKey(name: String) async throws -> JWK?
    /// Stores `jwk` under `name`, replacing the key stored there.
    func saveClientKey(name: String, jwk: JWK) async throws
    /// Removes the key stored under `name`; nothing happens when there is none.
    func deleteClientKey(name: String) async throws
    /// Makes the key stored under `pending` the key under `name`, in one step: afterwards `name` holds it, `pending`
    /// holds nothing and the key `name` held before is gone. Throws, changing nothing, when `pending` holds no key.
    func promoteClientKey(_ pending: String, to name: String) async throws
}
