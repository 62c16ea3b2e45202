import Crypto
import GNAP
import HTTPMessageSignatures
import Testing

@Suite("JWS proofs: jwsd (RFC 9635 §7.3.3) and jws (§7.3.4)")
struct JWSProofTests {
    static let algorithms: [SignatureAlgorithm] = [.ed25519, .ecdsaP256SHA256, .ecdsaP384SHA384, .rsaPSSSHA512]

    @Test(arguments: JWSProof.Method.allCases, algorithms)
    func aSignedRequestVerifiesWithItsKey(_ method: JWSProof.Method, _ algorithm: SignatureAlgorithm) throws {
        let client = JWSProofFixture(try SigningKey.generate(for: algorithm, keyID: "client-key"))
        let sent = try client.signed(method, JWSProofFixture.request())
        let verified = try client.verify(method, sent).get()
        #expect(verified.content == JWSProofFixture.body)
        #expect(verified.created == JWSProofFixture.now.unixSeconds)
        #expect(verified.header.typ == method.type && verified.header.kid == "client-key")
        #expect(verified.header["ath"] == .string(JWSProof.accessTokenHash(JWSProofFixture.token)))
        #expect(verified.replay.expiresAt == JWSProofFixture.now.unixSeconds + 300 + 60 + 1)
        switch method {
        case .jwsd:
            // The content goes as it is; the header carries a JWS over its digest, in the RFC's example form.
            #expect(sent.content == JWSProofFixture.body)
            let jws = try CompactJWS(parsing: try #require(sent.detachedJWS))
            #expect(jws.payload == Array(SHA256.hash(data: JWSProofFixture.body)))
        case .jws:
            // The body is the JWS, its payload the content.
            #expect(sent.detachedJWS == nil)
            #expect(
                try CompactJWS(parsing: String(decoding: sent.content, as: UTF8.self)).payload == JWSProofFixture.body)
            #expect(try JWSProof.unverifiedContent(.jws, request: sent) == JWSProofFixture.body)
        }
    }

    @Test(arguments: JWSProof.Method.allCases)
    func aRequestWithoutContentOrTokenCarriesTheJWSInTheHeader(_ method: JWSProof.Method) throws {
        let client = JWSProofFixture()
        let get = JWSProofFixture.request(method: "GET", content: [], token: nil)
        let sent = try client.signed(method, get)
        #expect(sent.content.isEmpty)
        let jws = try CompactJWS(parsing: try #require(sent.detachedJWS))
        #expect(jws.hasEmptyPayloadSegment && jws.header.typ == method.type && jws.header["ath"] == nil)
        let verified = try client.verify(method, sent).get()
        #expect(verified.content.isEmpty)
        // DELETE with a token.
        let delete = try client.signed(method, JWSProofFixture.request(method: "DELETE", content: []))
        #expect(try client.verify(method, delete).get().header["ath"] != nil)
    }

    @Test func replayValuesNameTheSignedRequest() throws {
        let client = JWSProofFixture(try SigningKey.generate(for: .ecdsaP256SHA256, keyID: "p256"))
        let sent = try client.signed(.jwsd, JWSProofFixture.request())
        let first = try client.verify(.jwsd, sent).get().replay
        // The same message verified again gives the same value: that is what the cache refuses.
        #expect(try client.verify(.jwsd, sent).get().replay == first)
        // A second ECDSA signature over the same input (a different signature, same request) is the same replay.
        let resigned = try client.signed(.jwsd, JWSProofFixture.request())
        #expect(resigned.detachedJWS != sent.detachedJWS)
        #expect(try client.verify(.jwsd, resigned).get().replay == first)
        // Another second, another body or another token is another request.
        let later = try client.signed(
            .jwsd, JWSProofFixture.request(), now: JWSProofFixture.now.advanced(by: .seconds(1)))
        #expect(try client.verify(.jwsd, later).get().replay.value != first.value)
        let other = try client.signed(.jwsd, JWSProofFixture.request(content: Array("{}".utf8)))
        #expect(try client.verify(.jwsd, other).get().replay.value != first.value)
    }

    @Test func detachedContentAsInAppendixFIsAccepted() throws {
        let client = JWSProofFixture()
        var request = JWSProofFixture.request()
        let digest = Array(SHA256.hash(data: request.content))
        request.detachedJWS = try client.jws(members: JWSProofFixture.claims(), payload: digest, detached: true)
        #expect(try client.verify(.jwsd, request).get().content == JWSProofFixture.body)
    }

    @Test func targetURIsCompareAfterNormalization() throws {
        let client = JWSProofFixture()
        for signed in ["HTTPS://AS.Example:443/gnap/token/t1?x=1", "https://as.example:443/gnap/token/t1?x=1"] {
            let sent = try client.signed(.jws, JWSProofFixture.request(uri: signed))
            var received = sent
            received.targetURI = JWSProofFixture.uri
            #expect(throws: Never.self, "\(signed)") { try client.verify(.jws, received).get() }
        }
        let root = try client.signed(.jws, JWSProofFixture.request(uri: "https://as.example"))
        var received = root
        received.targetURI = "https://as.example/"
        #expect(throws: Never.self) { try client.verify(.jws, received).get() }
        for other in [
            "https://as.example/gnap/token/t1?x=2", "https://as.example/gnap/token/T1?x=1",
            "http://as.example/gnap/token/t1?x=1", "https://as.example:8443/gnap/token/t1?x=1",
            "https://as.example/gnap/token/t1?x=1#frag", "https://user@as.example/gnap/token/t1?x=1",
            "/gnap/token/t1?x=1",
        ] {
            var moved = try client.signed(.jws, JWSProofFixture.request(uri: other))
            moved.targetURI = JWSProofFixture.uri
            #expect(throws: JWSProofFailure.uriMismatch(signed: other, actual: JWSProofFixture.uri)) {
                try client.verify(.jws, moved).get()
            }
        }
    }

    @Test func bindingsGiveTheKeyAndItsKid() throws {
        let certified = try CertifiedKey.ed25519(keyID: "ed-key")
        let jwkBinding = try ClientKeyBinding(
            ClientKeyValue(proof: ProofMethod(method: "jwsd"), jwk: try certified.signingKey.publicJWK()),
            accepting: ["jwsd"])
        #expect(try JWSProofKey(jwkBinding).keyID == "ed-key")
        let certBinding = try ClientKeyBinding(
            ClientKeyValue(proof: ProofMethod(method: "jwsd"), jwk: nil, cert: certified.pem), accepting: ["jwsd"])
        // A certificate key has no kid to match; the signature decides.
        #expect(try JWSProofKey(certBinding).keyID == nil)
        let client = JWSProofFixture(certified.signingKey)
        let sent = try client.signed(.jwsd, JWSProofFixture.request())
        for binding in [jwkBinding, certBinding] {
            #expect(throws: Never.self) { try client.verify(.jwsd, sent, key: try JWSProofKey(binding)).get() }
        }
    }
}
