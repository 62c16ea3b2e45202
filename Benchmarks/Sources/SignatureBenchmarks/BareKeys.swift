import Crypto
import CryptoExtras
import Foundation
import HTTPMessageSignatures

/// One key for one algorithm, held twice: as a swift-crypto key for the bare operations, and as the library's
/// ``SigningKey`` read from the same JWK, as an application would load it.
struct BareKeys {
    let signingKey: SigningKey
    /// Signs with the swift-crypto key exactly as RFC 9421 §3.3 defines the algorithm (hash included).
    let sign: ([UInt8]) -> [UInt8]
    /// Verifies with the swift-crypto public key.
    let verify: ([UInt8], [UInt8]) -> Bool

    init(_ algorithm: SignatureAlgorithm) throws {
        switch algorithm {
        case .ed25519:
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: try Self.bytes(TestKeys.ed25519.d))
            signingKey = try Self.signingKey(TestKeys.ed25519, algorithm)
            let publicKey = key.publicKey
            sign = { base in Array(try! key.signature(for: base)) }
            verify = { signature, base in publicKey.isValidSignature(signature, for: base) }
        case .ecdsaP256SHA256:
            let key = try P256.Signing.PrivateKey(rawRepresentation: try Self.bytes(TestKeys.p256.d))
            signingKey = try Self.signingKey(TestKeys.p256, algorithm)
            let publicKey = key.publicKey
            sign = { base in Array(try! key.signature(for: SHA256.hash(data: base)).rawRepresentation) }
            verify = { signature, base in
                guard let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
                return publicKey.isValidSignature(parsed, for: SHA256.hash(data: base))
            }
        case .ecdsaP384SHA384:
            let key = try P384.Signing.PrivateKey(rawRepresentation: TestKeys.p384Scalar)
            let point = Array(key.publicKey.rawRepresentation)
            let jwk = JWK(
                kty: "EC", crv: "P-384", x: Base64URL.encode(point[..<48]), y: Base64URL.encode(point[48...]),
                d: Base64URL.encode(TestKeys.p384Scalar))
            signingKey = try Self.signingKey(jwk, algorithm)
            let publicKey = key.publicKey
            sign = { base in Array(try! key.signature(for: SHA384.hash(data: base)).rawRepresentation) }
            verify = { signature, base in
                guard let parsed = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
                return publicKey.isValidSignature(parsed, for: SHA384.hash(data: base))
            }
        case .rsaPSSSHA512, .rsaV15SHA256:
            let jwk = TestKeys.rsa
            let key = try _RSA.Signing.PrivateKey(
                n: try Self.bytes(jwk.n), e: try Self.bytes(jwk.e), d: try Self.bytes(jwk.d), p: try Self.bytes(jwk.p),
                q: try Self.bytes(jwk.q))
            signingKey = try Self.signingKey(jwk, algorithm)
            let publicKey = key.publicKey
            if algorithm == .rsaPSSSHA512 {
                sign = { base in
                    Array(try! key.signature(for: SHA512.hash(data: base), padding: .PSS).rawRepresentation)
                }
                verify = { signature, base in
                    publicKey.isValidSignature(
                        _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA512.hash(data: base),
                        padding: .PSS)
                }
            } else {
                sign = { base in
                    Array(
                        try! key.signature(for: SHA256.hash(data: base), padding: .insecurePKCS1v1_5).rawRepresentation)
                }
                verify = { signature, base in
                    publicKey.isValidSignature(
                        _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: base),
                        padding: .insecurePKCS1v1_5)
                }
            }
        case .hmacSHA256:
            guard let secret = Data(base64Encoded: TestKeys.sharedSecret) else { throw FixtureError.badKey(algorithm) }
            let key = SymmetricKey(data: secret)
            signingKey = try Self.signingKey(JWK(kty: "oct", k: Base64URL.encode(secret)), algorithm)
            sign = { base in Array(HMAC<SHA256>.authenticationCode(for: base, using: key)) }
            verify = { signature, base in
                HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: base, using: key)
            }
        }
    }

    private static func signingKey(_ jwk: JWK, _ algorithm: SignatureAlgorithm) throws -> SigningKey {
        var jwk = jwk
        jwk.kid = GrantRequestFixture.keyID
        return try SigningKey(jwk: jwk, algorithm: algorithm)
    }

    private static func bytes(_ member: String?) throws -> [UInt8] {
        guard let member, let bytes = Base64URL.decode(member) else { throw FixtureError.badKey(nil) }
        return bytes
    }
}
