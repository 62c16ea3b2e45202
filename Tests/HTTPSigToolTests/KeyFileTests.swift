import HTTPMessageSignatures
import HTTPSigTool
import Testing

@Suite("key files")
struct KeyFileTests {
    static let message: [UInt8] = Array("DELETE /k HTTP/1.1\nHost: example.com\n\n".utf8)

    /// Signs with one form of a key and verifies with another.
    static func roundTrip(sign: String, verify: String, algorithm: SignatureAlgorithm) throws -> String {
        let signed = try HTTPSigTool.sign(
            message,
            options: SignOptions(key: sign, algorithm: algorithm, label: "k", covered: "\"@method\"", now: 100))
        return try HTTPSigTool.verify(signed, options: VerifyOptions(key: verify, algorithm: algorithm, now: 100))
    }

    @Test(arguments: ["test-key-ed25519", "test-key-ecc-p256", "test-key-rsa-pss"])
    func everyFormOfAVectorKey(keyID: String) throws {
        let algorithm: SignatureAlgorithm =
            switch keyID {
            case "test-key-ed25519": .ed25519
            case "test-key-ecc-p256": .ecdsaP256SHA256
            default: .rsaPSSSHA512
            }
        for (signing, verifying) in [
            (KeyForm.jwk, KeyForm.publicPEM), (.privatePEM, .jwk), (.privatePEM, .privatePEM), (.jwk, .jwk),
        ] {
            #expect(
                try Self.roundTrip(sign: signing.text(keyID), verify: verifying.text(keyID), algorithm: algorithm)
                    == "k: verified\n")
        }
    }

    @Test func aJWKWithSurroundingWhitespace() throws {
        let jwk = "\n  " + KeyForm.jwk.text("test-key-ed25519") + "\n\n"
        #expect(try Self.roundTrip(sign: jwk, verify: jwk, algorithm: .ed25519) == "k: verified\n")
    }

    @Test func ecdsaP384FromAGeneratedJWK() throws {
        // RFC 9421 has no P-384 test key; this one was generated for this test (it protects nothing).
        let jwk = """
            {"kty":"EC","crv":"P-384","kid":"p384-test",
             "x":"1gBGd_ClbRluPwV670k1qH2Ao2fPxA541HtX6ZWHscbkV4vLho83VwQ8hsQvdj0H",
             "y":"QlWKWvn_gi2gRvA8JUZZYkTKuEHamPnG3ars-_Jos2odrS1edSdrsd-Y_q2OpcLI",
             "d":"TjHL6BuPBoZq6dAVRLk_UEbspqEr6rph_5-SYFps7ze2KoLa4qAUN1zq9ujHcToK"}
            """
        #expect(try Self.roundTrip(sign: jwk, verify: jwk, algorithm: .ecdsaP384SHA384) == "k: verified\n")
    }

    @Test func refusals() {
        #expect(throws: HTTPSigToolError.unrecognizedKeyFile) {
            try KeyFile.signingKey("not a key", algorithm: .ed25519)
        }
        #expect(throws: HTTPSigToolError.unrecognizedKeyFile) {
            try KeyFile.verificationKey("", algorithm: .ed25519)
        }
        #expect(throws: HTTPSigToolError.malformedJWK) {
            try KeyFile.verificationKey("{\"crv\": \"Ed25519\"}", algorithm: .ed25519)
        }
        #expect(throws: HTTPSigToolError.malformedJWK) { try KeyFile.signingKey("{nope", algorithm: .ed25519) }
        #expect(throws: HTTPSigToolError.key(.malformedPEM("not a PEM document"))) {
            try KeyFile.verificationKey("-----BEGIN PUBLIC KEY-----\n!!!\n", algorithm: .ed25519)
        }
        #expect(throws: HTTPSigToolError.key(.malformedPEM("'PUBLIC KEY' is not a private key"))) {
            try KeyFile.signingKey(KeyForm.publicPEM.text("test-key-ed25519"), algorithm: .ed25519)
        }
        #expect(throws: HTTPSigToolError.key(.missingMember("k"))) {
            try KeyFile.verificationKey("{\"kty\":\"oct\"}", algorithm: .hmacSHA256)
        }
        #expect(throws: HTTPSigToolError.key(.algorithmMismatch(key: "RSA/RS256", algorithm: "rsa-pss-sha512"))) {
            // GNAP's printed key says RS256; it cannot be used for rsa-pss-sha512.
            try KeyFile.verificationKey(
                "{\"kty\":\"RSA\",\"alg\":\"RS256\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", algorithm: .rsaPSSSHA512)
        }
    }
}
