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

    @Test func replayValuesNameTheSigningAct() throws {
        let client = JWSProofFixture(try SigningKey.generate(for: .ecdsaP256SHA256, keyID: "p256"))
        let sent = try client.signed(.jwsd, JWSProofFixture.request())
        let first = try client.verify(.jwsd, sent).get().replay
        // The same message verified again gives the same value: that is what the cache refuses.
        #expect(try client.verify(.jwsd, sent).get().replay == first)
        // Anyone can turn an ECDSA (r, s) into (r, n − s), which verifies too; it is still the same proof.
        var malleated = sent
        let jws = try CompactJWS(parsing: try #require(sent.detachedJWS))
        let s = Array(jws.signature.suffix(32))
        let negated = Array(jws.signature.prefix(32)) + Self.subtract(s, from: Self.p256Order)
        #expect(negated != jws.signature)
        var pieces = sent.detachedJWS!.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        pieces[2] = Base64URL.encode(negated)
        malleated.detachedJWS = pieces.joined(separator: ".")
        #expect(try client.verify(.jwsd, malleated).get().replay == first)
        // Signing the same request again is another signing act (a new secret nonce), which only the key can make.
        let resigned = try client.signed(.jwsd, JWSProofFixture.request())
        #expect(try client.verify(.jwsd, resigned).get().replay.value != first.value)
        // Ed25519 is deterministic, but the signer's random `nonce` makes the same request signed twice in the same
        // second two proofs (a repeated GET is not a replay); the same JWS sent again still is one.
        let ed = JWSProofFixture()
        let edSent = try ed.signed(.jws, JWSProofFixture.request())
        let once = try ed.verify(.jws, edSent).get().replay
        #expect(try ed.verify(.jws, edSent).get().replay == once)
        let again = try ed.signed(.jws, JWSProofFixture.request())
        #expect(try ed.verify(.jws, again).get().replay.value != once.value)
        #expect(try ed.verify(.jws, again).get().header["nonce"] != nil)
        let later = try ed.signed(.jws, JWSProofFixture.request(), now: JWSProofFixture.now.advanced(by: .seconds(1)))
        #expect(try ed.verify(.jws, later).get().replay.value != once.value)
    }

    /// The order of the P-256 group (SEC 2 §2.4.2), big-endian.
    static let p256Order: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    ]

    /// `minuend − subtrahend` for big-endian numbers of the same length, with `minuend` the larger.
    static func subtract(_ subtrahend: [UInt8], from minuend: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: minuend.count)
        var borrow = 0
        for index in stride(from: minuend.count - 1, through: 0, by: -1) {
            var difference = Int(minuend[index]) - Int(subtrahend[index]) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 256 }
            result[index] = UInt8(difference)
        }
        return result
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
