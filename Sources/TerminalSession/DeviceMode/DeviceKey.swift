import HTTPMessageSignatures

/// The headless device's key (`gnapterm device`, `gnapterm call`): Ed25519, generated on first use and kept in the
/// local store (mode 0600).
enum DeviceKey {
    static func load(from store: any ClientKeyStore, name: String = "device") async throws -> SigningKey {
        var key: SigningKey
        if let stored = try await store.clientKey(name: name) {
            key = try SigningKey(jwk: stored)
        } else {
            key = .generateEd25519()
            try await store.saveClientKey(name: name, jwk: try key.privateJWK())
        }
        // RFC 9635 §7.3.1: keyid is the JWK's kid; the thumbprint is a stable, unique choice.
        key.keyID = try key.publicJWK().thumbprint()
        return key
    }
}
