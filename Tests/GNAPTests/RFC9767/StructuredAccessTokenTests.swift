import Foundation
import GNAP
import HTTPMessageSignatures
import Testing

/// RFC 9767 §2.2 `jwt-signed`: signed by the AS, checked by an RS without the AS; every refusal an RS must make.
@Suite("jwt-signed access tokens (RFC 9767 §2.2)")
struct StructuredAccessTokenTests {
    let key = try! AssertionSigningKey(stored: AssertionSigningKey.generate())
    let clientKey = try! SigningKey.generateEd25519().publicJWK()
    let now: Int64 = 1_767_258_000
    var expectations: StructuredAccessToken.Expectations {
        .init(issuer: "https://as.example/gnap", audiences: ["https://rs.example"])
    }

    func claims(aud: [String] = ["https://rs.example"], iat: Int64? = nil, exp: Int64? = nil, nbf: Int64? = nil)
        -> AccessTokenClaims
    {
        AccessTokenClaims(
            iss: "https://as.example/gnap", aud: .multiple(aud),
            cnf: TokenConfirmation(jkt: try! clientKey.thumbprint(), jwk: clientKey, proof: .httpsig),
            access: [.object(AccessRightObject(type: "notes", actions: ["read"]))], iat: iat ?? now,
            nbf: nbf, exp: exp ?? now + 3600, jti: "T1", sub: "U1", clientID: "C1", label: "l", grant: "G1")
    }

    func verify(_ token: String, keys: [JWK]? = nil, at time: Int64? = nil) throws(StructuredTokenFailure)
        -> AccessTokenClaims
    {
        try StructuredAccessToken.verify(
            token, keys: keys ?? key.jwkSet.keys, expecting: expectations, now: time ?? now)
    }

    /// A compact JWS with this header and payload, signed with `signer` (or with an empty signature).
    func forge(header: String, payload: AccessTokenClaims, signer: SigningKey? = nil) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(try GNAPJSON.encode(payload))
        let signature = try signer.map { try $0.sign(Array(input.utf8)) } ?? []
        return input + "." + Base64URL.encode(signature)
    }

    @Test func aSignedTokenVerifiesAndReadsAsAnIntrospection() throws {
        let token = try StructuredAccessToken.sign(claims(), key: key.key)
        #expect(StructuredAccessToken.looksStructured(token))
        #expect(!StructuredAccessToken.looksStructured(Secrets.token()))
        let verified = try verify(token)
        #expect(verified == claims())
        let introspected = verified.introspected()
        #expect(introspected.key == .value(ClientKeyValue(proof: .httpsig, jwk: clientKey)))
        #expect(introspected.instanceID == "C1" && introspected.jti == "T1" && introspected.format == "jwt-signed")
        // A clock skew's worth after expiry is still accepted, then no longer.
        #expect(throws: Never.self) { try verify(token, at: now + 3600 + 29) }
    }

    @Test func everyRefusalAnRSMustMake() throws {
        let kid = try #require(key.publicJWK.kid)
        // alg none, with or without a signature.
        let none = try forge(header: #"{"alg":"none","typ":"gnap-at+jwt","kid":"\#(kid)"}"#, payload: claims())
        #expect(throws: StructuredTokenFailure.jws(.algorithmNone)) { try verify(none) }
        // An HMAC over the public key (algorithm confusion).
        let hmacKey = try SigningKey(
            jwk: JWK(kty: "oct", k: Base64URL.encode(Array(try GNAPJSON.encode(key.publicJWK)))), algorithm: .hmacSHA256
        )
        let hmac = try forge(
            header: #"{"alg":"HS256","typ":"gnap-at+jwt","kid":"\#(kid)"}"#, payload: claims(), signer: hmacKey)
        #expect(throws: StructuredTokenFailure.jws(.macWithoutSharedSecret("HS256"))) { try verify(hmac) }
        // No kid, a kid the AS does not publish, a key the AS does not hold.
        let unnamed = try forge(header: #"{"alg":"ES256","typ":"gnap-at+jwt"}"#, payload: claims(), signer: key.key)
        #expect(throws: StructuredTokenFailure.missingKeyID) { try verify(unnamed) }
        let strangerKey = try AssertionSigningKey(stored: AssertionSigningKey.generate())
        let foreign = try StructuredAccessToken.sign(claims(), key: strangerKey.key)
        #expect(throws: StructuredTokenFailure.unknownKeyID(try #require(strangerKey.publicJWK.kid))) {
            try verify(foreign)
        }
        // The AS's kid on a stranger's signature.
        let misnamed = try forge(
            header: #"{"alg":"ES256","typ":"gnap-at+jwt","kid":"\#(kid)"}"#, payload: claims(), signer: strangerKey.key)
        #expect(throws: StructuredTokenFailure.jws(.badSignature)) { try verify(misnamed) }
        // Another RS's token, an expired one, one not valid yet, another issuer.
        let elsewhere = try StructuredAccessToken.sign(claims(aud: ["https://other.example"]), key: key.key)
        #expect(throws: StructuredTokenFailure.wrongAudience) { try verify(elsewhere) }
        let expired = try StructuredAccessToken.sign(claims(iat: now - 7200, exp: now - 60), key: key.key)
        #expect(throws: StructuredTokenFailure.expired) { try verify(expired) }
        let early = try StructuredAccessToken.sign(claims(nbf: now + 600), key: key.key)
        #expect(throws: StructuredTokenFailure.notYetValid) { try verify(early) }
        var otherIssuer = claims()
        otherIssuer.iss = "https://evil.example/gnap"
        #expect(throws: StructuredTokenFailure.wrongIssuer("https://evil.example/gnap")) {
            try verify(try StructuredAccessToken.sign(otherIssuer, key: key.key))
        }
        // A binding whose thumbprint is not of its key.
        var mismatched = claims()
        mismatched.cnf?.jkt = "AAAA"
        #expect(throws: StructuredTokenFailure.self) {
            try verify(try StructuredAccessToken.sign(mismatched, key: key.key))
        }
    }

    @Test func anIDTokenOfTheSameKeyIsNotAnAccessToken() throws {
        // The AS signs ID Tokens with the same key; explicit typing keeps them apart (RFC 8725 §3.11).
        let idToken = try key.idToken(
            IDTokenClaims(iss: "https://as.example/gnap", sub: "U1", aud: "C1", iat: now, exp: now + 300, authTime: now)
        )
        #expect(throws: StructuredTokenFailure.wrongType("JWT")) { try verify(idToken) }
    }
}
