import Crypto
import Foundation
import HTTPMessageSignatures

/// One key for one algorithm, in gnapterm's form and in the forms handed to the Python library.
struct InteropKey {
    var signingKey: SigningKey
    /// What Python signs with.
    var pythonPrivate: InteropCase.Key
    /// What Python verifies with (the same secret for HMAC).
    var pythonPublic: InteropCase.Key

    var keyID: String { signingKey.keyID ?? "" }
    var algorithm: SignatureAlgorithm { signingKey.algorithm }

    /// A fresh key for every algorithm but RSA, whose keys come from the RFC 9421 test vectors (B.1.1, B.1.2)
    /// because generating 2048-bit keys on every run is slow and gnapterm has no RSA private-key export.
    static func make(_ algorithm: SignatureAlgorithm) throws -> InteropKey {
        let keyID = "interop-\(algorithm.rawValue)"
        switch algorithm {
        case .ed25519:
            return try fromJWK(SigningKey.generateEd25519(keyID: keyID))
        case .ecdsaP256SHA256:
            // Through PEM (PKCS#8) into gnapterm and out again as a JWK: both key formats take part.
            let pem = P256.Signing.PrivateKey().pemRepresentation
            return try fromJWK(SigningKey(pem: pem, algorithm: algorithm, keyID: keyID))
        case .ecdsaP384SHA384:
            let pem = P384.Signing.PrivateKey().pemRepresentation
            return try fromJWK(SigningKey(pem: pem, algorithm: algorithm, keyID: keyID))
        case .hmacSHA256:
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let secret = JWK(kty: "oct", k: Base64URL.encode(bytes), kid: keyID)
            return InteropKey(
                signingKey: try SigningKey(jwk: secret, algorithm: algorithm),
                pythonPrivate: .jwk(secret), pythonPublic: .jwk(secret))
        case .rsaPSSSHA512:
            return try fromVectors("test-key-rsa-pss", algorithm: algorithm, keyID: keyID)
        case .rsaV15SHA256:
            return try fromVectors("test-key-rsa", algorithm: algorithm, keyID: keyID)
        }
    }

    private static func fromJWK(_ key: SigningKey) throws -> InteropKey {
        InteropKey(signingKey: key, pythonPrivate: .jwk(try key.privateJWK()), pythonPublic: .jwk(try key.publicJWK()))
    }

    private static func fromVectors(_ name: String, algorithm: SignatureAlgorithm, keyID: String) throws -> InteropKey {
        let key = try VectorKeys.load(name)
        return InteropKey(
            signingKey: try SigningKey(pem: key.privatePem, algorithm: algorithm, keyID: keyID),
            pythonPrivate: .pem(key.privatePem), pythonPublic: .pem(key.publicPem))
    }
}
