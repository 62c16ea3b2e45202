import Crypto
import Foundation
import HTTPMessageSignatures

/// The AS's key for the assertions it issues (§3.4.1 `id_token`): ECDSA P-256 (JWS `ES256`), identified by its
/// RFC 7638 thumbprint. It is kept as a private JWK in the AS store's secrets, created on first use; its public half
/// is published as a JWK Set (RFC 7517 §5).
public struct AssertionSigningKey: Sendable {
    public let key: SigningKey
    /// The public JWK with `kid`, `alg` and `use`, as published.
    public let publicJWK: JWK

    /// A fresh key in its stored form (the private JWK as JSON).
    public static func generate() -> [UInt8] {
        let key = P256.Signing.PrivateKey()
        let raw = [UInt8](key.publicKey.rawRepresentation)
        let jwk = JWK(
            kty: "EC", crv: "P-256", x: Base64URL.encode(raw[..<32]), y: Base64URL.encode(raw[32...]),
            d: Base64URL.encode(key.rawRepresentation))
        return (try? GNAPJSON.encode(jwk)) ?? []
    }

    /// Reads the stored form written by ``generate()``.
    public init(stored: [UInt8]) throws {
        var jwk = try GNAPJSON.decode(JWK.self, from: stored)
        jwk.kid = try jwk.publicKey.thumbprint()
        key = try SigningKey(jwk: jwk, algorithm: .ecdsaP256SHA256)
        var published = try key.publicJWK()
        published.alg = key.algorithm.jwsAlgorithm
        published.use = "sig"
        publicJWK = published
    }

    /// The JWK Set to publish.
    public var jwkSet: JWKSet { JWKSet(keys: [publicJWK]) }

    /// Signs ID Token claims as a JWT (RFC 7519) in compact form.
    public func idToken(_ claims: IDTokenClaims) throws -> String {
        try CompactJWS.sign(payload: try GNAPJSON.encode(claims), key: key, type: "JWT").compact
    }
}

/// A JWK Set (RFC 7517 §5).
public struct JWKSet: Sendable, Hashable, Codable {
    public var keys: [JWK]

    public init(keys: [JWK]) { self.keys = keys }

    private enum CodingKeys: String, CodingKey {
        case keys
    }
}
