import Foundation
import GNAP
import HTTPMessageSignatures

/// The resource server of the introspection scenario: a fresh Ed25519 key, pre-registered with the AS
/// (`serve --resource-servers`, RFC 9767 §3.2) for the fleet's `photo-api` rights, identified by reference.
struct BenchmarkResourceServer: Sendable {
    static let id = "load-rs"
    let key: SigningKey

    init() throws {
        var key = SigningKey.generateEd25519()
        key.keyID = try key.publicJWK().thumbprint()
        self.key = key
    }

    /// The registry file `gnapterm serve --resource-servers` reads.
    func registryFile() throws -> Data {
        let entry: [String: Any] = [
            "id": Self.id, "display_name": "Load benchmark RS", "access_types": ["photo-api"],
            "locations": ["https://photos.example"],
            "key": [
                "proof": "httpsig",
                "jwk": try JSONSerialization.jsonObject(with: Data(GNAPJSON.encode(try key.publicJWK()))),
            ],
        ]
        return try JSONSerialization.data(withJSONObject: ["resource_servers": [entry]], options: [.sortedKeys])
    }
}
