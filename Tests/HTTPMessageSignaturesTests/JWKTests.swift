import HTTPMessageSignatures
import Testing

@Suite("JWK and thumbprints")
struct JWKTests {
    /// RFC 7638 §3.1 example.
    @Test func rfc7638ExampleThumbprint() throws {
        let jwk = JWK(
            kty: "RSA",
            n:
                "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            e: "AQAB", kid: "2011-04-29", alg: "RS256")
        #expect(try jwk.thumbprint() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    }

    @Test func thumbprintIgnoresPrivateAndOptionalMembers() throws {
        let key = SigningKey.generateEd25519(keyID: "a")
        let privateJWK = try key.privateJWK()
        var publicJWK = try key.publicJWK()
        publicJWK.kid = "something else"
        #expect(try privateJWK.thumbprint() == publicJWK.thumbprint())
        #expect(privateJWK.isPrivate)
        #expect(!privateJWK.publicKey.isPrivate)
    }

    @Test func thumbprintRejectsIncompleteKeys() {
        #expect(throws: KeyError.missingMember("x")) { try JWK(kty: "OKP", crv: "Ed25519").thumbprint() }
        #expect(throws: KeyError.unsupportedKeyType("XYZ")) { try JWK(kty: "XYZ").thumbprint() }
        #expect(throws: KeyError.malformedMember("x")) {
            try JWK(kty: "OKP", crv: "Ed25519", x: "a\"b").thumbprint()
        }
    }

    @Test func privateJWKRoundTripsAndSignsTheSame() throws {
        let key = SigningKey.generateEd25519(keyID: "k1")
        let restored = try SigningKey(jwk: key.privateJWK())
        let base = Array("hello".utf8)
        #expect(try restored.sign(base) == key.sign(base))
        #expect(restored.keyID == "k1")
    }

    @Test func keyTypeMustMatchAlgorithm() throws {
        let ed = try SigningKey.generateEd25519().publicJWK()
        #expect(throws: KeyError.self) { try VerificationKey(jwk: ed, algorithm: .ecdsaP256SHA256) }
        #expect(throws: KeyError.self) { try VerificationKey(jwk: ed, algorithm: .hmacSHA256) }
        var declared = ed
        declared.alg = "ES256"
        #expect(throws: KeyError.self) { try VerificationKey(jwk: declared) }
        #expect(throws: KeyError.notAPrivateKey) { try SigningKey(jwk: ed) }
        // An RSA key with no `alg` is ambiguous between PSS and v1.5.
        #expect(JWK(kty: "RSA", n: "AQAB", e: "AQAB").impliedAlgorithm == nil)
    }

    @Test func malformedKeyMaterialIsAnErrorNotATrap() {
        #expect(throws: KeyError.self) { try VerificationKey(jwk: JWK(kty: "OKP", crv: "Ed25519", x: "AAAA")) }
        #expect(throws: KeyError.self) { try VerificationKey(jwk: JWK(kty: "OKP", crv: "Ed25519", x: "!!")) }
        #expect(throws: KeyError.self) { try VerificationKey(jwk: JWK(kty: "EC", crv: "P-256", x: "AAAA", y: "AAAA")) }
    }

    @Test func base64URL() {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xFE]) == "-__-")
        #expect(Base64URL.decode("-__-") == [0xFB, 0xFF, 0xFE])
        #expect(Base64URL.decode("a+b/") == nil)
        #expect(Base64URL.decode("abcde") == nil)
        #expect(Base64URL.encode([]) == "")
    }
}
