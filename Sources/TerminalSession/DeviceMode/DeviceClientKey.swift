import GNAP
import HTTPMessageSignatures

/// The device's client key as `gnapterm device` uses it (the key named ``DeviceCommand/keyName`` in the local store,
/// generated on first use), for an operator who registers the device in `serve --clients` (its public JWK).
public enum DeviceClientKey {
    /// The public JWK of the device's key, generating and storing the key first if there is none.
    public static func publicJWK(keyStore: any ClientKeyStore) async throws -> JWK {
        let name = DeviceCommand<WallClock>.keyName
        if let stored = try await keyStore.clientKey(name: name) { return try SigningKey(jwk: stored).publicJWK() }
        let key = SigningKey.generateEd25519()
        try await keyStore.saveClientKey(name: name, jwk: try key.privateJWK())
        return try key.publicJWK()
    }
}
