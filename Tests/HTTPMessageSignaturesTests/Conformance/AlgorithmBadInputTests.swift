import Crypto
import Foundation
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Unknown algorithms and keys of the wrong type (RFC 9421 §3.2 step 6, §7.3.6): the key fixes the algorithm, never
/// the message, and a key never serves an algorithm of another family.
@Suite("Bad input: algorithms and key types")
struct AlgorithmBadInputTests {
    @Test(arguments: ["rsa-sha1", "hs2019", "rsa-sha256", "ecdsa-p521-sha512", "ED25519", "", "none"])
    func unknownAlgorithmInAlg(alg: String) throws {
        let signed = try Hostile.signed(
            try Hostile.request(), components: [.method],
            parameters: {
                var parameters = SignatureParameters(created: Hostile.now, keyID: "k")
                parameters.algorithm = alg
                return parameters
            }())
        #expect(Hostile.reason(Hostile.verify(.request(signed))) == .algorithmMismatch(declared: alg, key: .ed25519))
    }

    /// A signature that names another supported algorithm than the key's is refused before any cryptography.
    @Test(arguments: SignatureAlgorithm.allCases.filter { $0 != .ed25519 })
    func otherKnownAlgorithmInAlg(algorithm: SignatureAlgorithm) throws {
        let signed = try Hostile.signed(
            try Hostile.request(), components: [.method],
            parameters: SignatureParameters(created: Hostile.now, algorithm: algorithm, keyID: "k"))
        #expect(
            Hostile.reason(Hostile.verify(.request(signed)))
                == .algorithmMismatch(declared: algorithm.rawValue, key: .ed25519))
    }

    static let keys: [(String, JWK)] = {
        let ed25519 = Curve25519.Signing.PrivateKey()
        let p256 = P256.Signing.PrivateKey()
        let p384 = P384.Signing.PrivateKey()
        func coordinates(_ raw: Data, _ size: Int) -> (String, String) {
            (Base64URL.encode(raw.prefix(size)), Base64URL.encode(raw.suffix(size)))
        }
        let (x256, y256) = coordinates(p256.publicKey.rawRepresentation, 32)
        let (x384, y384) = coordinates(p384.publicKey.rawRepresentation, 48)
        return [
            ("OKP/Ed25519", JWK(kty: "OKP", crv: "Ed25519", x: Base64URL.encode(ed25519.publicKey.rawRepresentation))),
            ("EC/P-256", JWK(kty: "EC", crv: "P-256", x: x256, y: y256)),
            ("EC/P-384", JWK(kty: "EC", crv: "P-384", x: x384, y: y384)),
            ("oct", JWK(kty: "oct", k: Base64URL.encode(Array(repeating: UInt8(7), count: 32)))),
        ]
    }()

    /// Every key type against every algorithm it does not implement: a typed KeyError, whatever the pairing.
    @Test(arguments: keys.map(\.0))
    func keyOfTheWrongType(name: String) throws {
        let jwk = try #require(Self.keys.first { $0.0 == name }?.1)
        let fitting = try #require(jwk.impliedAlgorithm)
        #expect(try VerificationKey(jwk: jwk).algorithm == fitting)
        for algorithm in SignatureAlgorithm.allCases where algorithm != fitting {
            #expect(throws: KeyError.algorithmMismatch(key: name, algorithm: algorithm.rawValue), "\(algorithm)") {
                try VerificationKey(jwk: jwk, algorithm: algorithm)
            }
        }
    }

    @Test func malformedAndUnsupportedJWKs() {
        #expect(throws: KeyError.algorithmMismatch(key: "RSA", algorithm: "(none: an RSA JWK needs 'alg')")) {
            try VerificationKey(jwk: JWK(kty: "RSA", n: "AQAB", e: "AQAB"))
        }
        #expect(throws: KeyError.algorithmMismatch(key: "EC/P-521", algorithm: "ecdsa-p256-sha256")) {
            try VerificationKey(jwk: JWK(kty: "EC", crv: "P-521", x: "AA", y: "AA"), algorithm: .ecdsaP256SHA256)
        }
        #expect(throws: KeyError.missingMember("x")) {
            try VerificationKey(jwk: JWK(kty: "OKP", crv: "Ed25519"), algorithm: .ed25519)
        }
        #expect(throws: KeyError.malformedMember("x")) {
            try VerificationKey(jwk: JWK(kty: "OKP", crv: "Ed25519", x: "not base64url!"), algorithm: .ed25519)
        }
        #expect(throws: KeyError.malformedMember("x")) {
            try VerificationKey(jwk: JWK(kty: "OKP", crv: "Ed25519", x: "AAAA"), algorithm: .ed25519)
        }
        #expect(throws: KeyError.algorithmMismatch(key: "OKP/Ed25519/PS512", algorithm: "ed25519")) {
            try VerificationKey(jwk: JWK(kty: "OKP", crv: "Ed25519", x: "AA", alg: "PS512"), algorithm: .ed25519)
        }
    }

    /// PEM keys whose type does not fit the algorithm asked for, from the RFC 9421 test keys.
    @Test func pemKeysOfTheWrongType() throws {
        let keys = try VectorCatalog.vectors().keys
        let ed25519 = try #require(keys["test-key-ed25519"]?.publicPem)
        let p256 = try #require(keys["test-key-ecc-p256"]?.publicPem)
        let rsa = try #require(keys["test-key-rsa"]?.publicPem)
        for algorithm in SignatureAlgorithm.allCases where algorithm != .ed25519 {
            #expect(throws: KeyError.self, "\(algorithm)") { try VerificationKey(pem: ed25519, algorithm: algorithm) }
        }
        for algorithm in SignatureAlgorithm.allCases where algorithm != .ecdsaP256SHA256 {
            #expect(throws: KeyError.self, "\(algorithm)") { try VerificationKey(pem: p256, algorithm: algorithm) }
        }
        for algorithm: SignatureAlgorithm in [.ed25519, .ecdsaP256SHA256, .ecdsaP384SHA384, .hmacSHA256] {
            #expect(throws: KeyError.algorithmMismatch(key: "RSA", algorithm: algorithm.rawValue)) {
                try VerificationKey(pem: rsa, algorithm: algorithm)
            }
        }
        #expect(throws: KeyError.malformedPEM("not a PEM document")) {
            try VerificationKey(pem: "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----", algorithm: .ed25519)
        }
    }

    /// A signature checked with a key of another algorithm (the message declaring none) simply does not verify.
    @Test func signatureCheckedWithAnotherKindOfKey() throws {
        let signed = try Hostile.signed(try Hostile.request(), components: [.method, .path])
        for (name, jwk) in Self.keys where name != "OKP/Ed25519" {
            let key = try VerificationKey(jwk: jwk)
            #expect(Hostile.reason(Hostile.verify(.request(signed), key: key)) == .invalidSignature, "\(name)")
        }
    }
}
