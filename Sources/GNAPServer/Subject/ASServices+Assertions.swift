import GNAP

extension ASServices {
    /// The name of the store secret holding the assertion signing key.
    static let assertionKeySecret = "assertion-signing-key-es256"

    /// Where the AS publishes its assertion keys (a JWK Set).
    var jwksURI: String { publicURL.base + "/.well-known/jwks.json" }

    /// The key that signs `id_token` assertions, created on first use and kept in the store.
    func assertionKey() async throws(APIError) -> AssertionSigningKey {
        do {
            return try AssertionSigningKey(
                stored: try await store.secret(named: Self.assertionKeySecret) { AssertionSigningKey.generate() })
        } catch {
            logger.error("assertion key unavailable", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load its signing key"))
        }
    }
}
