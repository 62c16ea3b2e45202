import HTTPMessageSignatures

/// The headless device's (client instance's) local key storage.
public protocol ClientKeyStore: Sendable {
    /// The private JWK stored under `name`, if any.
    func clientKey(name: String) async throws -> JWK?
    func saveClientKey(name: String, jwk: JWK) async throws
}
