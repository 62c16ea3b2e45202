import Foundation
import GNAP
import HTTPMessageSignatures
import Testing

@Suite("ID Token assertions and compact JWS")
struct AssertionSigningTests {
    let key = try! AssertionSigningKey(stored: AssertionSigningKey.generate())
    let claims = IDTokenClaims(
        iss: "https://as.example", sub: "OPQ", aud: "client-1", iat: 1_767_258_000, exp: 1_767_258_300,
        authTime: 1_767_257_990, email: "alice@example.com")

    @Test func signsAnES256JWTThatVerifiesWithThePublishedKey() throws {
        let token = try key.idToken(claims)
        let parts = try CompactJWS.verify(token, keys: key.jwkSet.keys)
        #expect(parts.header == JOSEHeader(alg: "ES256", typ: "JWT", kid: key.publicJWK.kid))
        #expect(try GNAPJSON.decode(IDTokenClaims.self, from: parts.payload) == claims)
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(parts.payload)) as? [String: Any])
        #expect(Set(payload.keys) == ["iss", "sub", "aud", "iat", "exp", "auth_time", "email"])
        // r‖s, not DER.
        #expect(parts.signature.count == 64)
        #expect(try key.verifyIDToken(token, issuer: "https://as.example") == claims)
    }

    @Test func theStoredFormRoundTrips() throws {
        let stored = AssertionSigningKey.generate()
        let first = try AssertionSigningKey(stored: stored)
        let again = try AssertionSigningKey(stored: stored)
        #expect(first.publicJWK == again.publicJWK)
        let thumbprint = try first.publicJWK.thumbprint()
        #expect(!first.publicJWK.isPrivate && first.publicJWK.kid == thumbprint)
        #expect(throws: (any Error).self) { try AssertionSigningKey(stored: Array("nope".utf8)) }
    }

    @Test func refusesWhatItMustRefuse() throws {
        let token = try key.idToken(claims)
        var pieces = token.split(separator: ".").map(String.init)
        func expect(_ failure: CompactJWS.Failure, _ value: String, keys: [JWK]? = nil) {
            #expect(throws: failure) { try CompactJWS.verify(value, keys: keys ?? key.jwkSet.keys) }
        }
        // Tampered payload.
        var tampered = claims
        tampered.sub = "someone-else"
        pieces[1] = Base64URL.encode(try GNAPJSON.encode(tampered))
        expect(.badSignature, pieces.joined(separator: "."))
        // Another key with the same kid.
        var other = try AssertionSigningKey(stored: AssertionSigningKey.generate()).publicJWK
        other.kid = key.publicJWK.kid
        expect(.badSignature, token, keys: [other])
        // No key with that kid.
        other.kid = "unknown"
        expect(.unknownKey, token, keys: [other])
        // alg none and a MAC under the public key (algorithm confusion) are refused.
        for (alg, failure) in [("none", CompactJWS.Failure.algorithmNone), ("HS256", .macWithoutSharedSecret("HS256"))]
        {
            let header = Base64URL.encode(Array(#"{"alg":"\#(alg)","kid":"\#(key.publicJWK.kid!)"}"#.utf8))
            expect(failure, header + "." + pieces[1] + ".")
        }
        // An Ed25519 header cannot use the P-256 key.
        let edHeader = Base64URL.encode(Array(#"{"alg":"EdDSA","kid":"\#(key.publicJWK.kid!)"}"#.utf8))
        expect(.unknownKey, edHeader + "." + pieces[1] + "." + pieces[2])
        expect(.malformed("a compact JWS has three parts"), "a.b")
        expect(.malformed("a part is not unpadded base64url"), "a.b!.c")
        expect(.malformed("the header has no 'alg'"), Base64URL.encode(Array("{}".utf8)) + ".e30.")
        // Another issuer's token, signed with this key, is still not this AS's.
        #expect(throws: CompactJWS.Failure.self) { try key.verifyIDToken(token, issuer: "https://other.example") }
    }
}
