import Crypto
import GNAP
import HTTPMessageSignatures
import Testing

/// Every way a JWS proof must fail, each with its reason (the caller answers `invalid_client`, §3.6).
@Suite("JWS proofs: refusals")
struct JWSProofRefusalTests {
    let client = JWSProofFixture()
    let digest = Array(SHA256.hash(data: JWSProofFixture.body))

    func refuses(
        _ failure: JWSProofFailure, _ request: JWSProofRequest, method: JWSProof.Method = .jwsd,
        key: JWSProofKey? = nil, now: WallInstant = JWSProofFixture.now,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(throws: failure, sourceLocation: sourceLocation) {
            try client.verify(method, request, key: key, now: now).get()
        }
    }

    /// A jwsd request whose header value is `jws`.
    func jwsd(_ jws: String, content: [UInt8] = JWSProofFixture.body, token: String? = JWSProofFixture.token)
        -> JWSProofRequest
    {
        var request = JWSProofFixture.request(content: content, token: token)
        request.detachedJWS = jws
        return request
    }

    @Test func algNoneIsRefused() throws {
        let header = Base64URL.encode(Array(#"{"alg":"none","typ":"gnap-binding-jwsd","kid":"ed-key"}"#.utf8))
        refuses(.algorithmNone, jwsd(header + "." + Base64URL.encode(digest) + "."))
        var jwsBody = JWSProofFixture.request()
        jwsBody.content = Array((header + "." + Base64URL.encode(JWSProofFixture.body) + ".").utf8)
        refuses(.algorithmNone, jwsBody, method: .jws)
    }

    @Test func anHMACWithThePublicKeyIsRefused() throws {
        // The attack: a MAC keyed with the client's public key bytes, which anyone has.
        let publicBytes = Base64URL.decode(try client.key.publicJWK().x!)!
        let forged = try SigningKey(jwk: JWK(kty: "oct", k: Base64URL.encode(publicBytes), kid: "ed-key"))
        let forger = JWSProofFixture(forged)
        let sent = try forger.signed(.jwsd, JWSProofFixture.request())
        refuses(.macWithPublicKey("HS256"), sent)
        let body = try forger.signed(.jws, JWSProofFixture.request())
        refuses(.macWithPublicKey("HS256"), body, method: .jws)
    }

    @Test func anotherAlgorithmThanTheKeysIsRefused() throws {
        let es256 = JWSProofFixture(try SigningKey.generate(for: .ecdsaP256SHA256, keyID: "ed-key"))
        refuses(.algorithmMismatch(header: "ES256", key: "EdDSA"), try es256.signed(.jwsd, JWSProofFixture.request()))
    }

    @Test func aWrongTypeIsRefused() throws {
        refuses(
            .wrongType(expected: "gnap-binding-jwsd", found: "JWT"),
            jwsd(try client.jws(typ: "JWT", members: JWSProofFixture.claims(), payload: digest)))
        refuses(
            .wrongType(expected: "gnap-binding-jwsd", found: nil),
            jwsd(try client.jws(typ: nil, members: JWSProofFixture.claims(), payload: digest)))
        // A jws proof is not a jwsd proof, and a rotation's inner JWS is not a proof on its own.
        refuses(
            .wrongType(expected: "gnap-binding-jwsd", found: "gnap-binding-jws"),
            jwsd(try client.jws(typ: "gnap-binding-jws", members: JWSProofFixture.claims(), payload: digest)))
        refuses(
            .wrongType(expected: "gnap-binding-jwsd", found: "gnap-binding-rotation-jwsd"),
            jwsd(try client.jws(typ: "gnap-binding-rotation-jwsd", members: JWSProofFixture.claims(), payload: digest)))
        // RFC 7515 §4.1.9: the media type is compared without case and `application/` is optional.
        let spelled = try client.jws(
            typ: "application/GNAP-binding-jwsd", members: JWSProofFixture.claims(), payload: digest)
        #expect(throws: Never.self) { try client.verify(.jwsd, jwsd(spelled)).get() }
    }

    @Test func aMethodOrURIOtherThanTheRequestsIsRefused() throws {
        refuses(
            .methodMismatch(signed: "PUT", actual: "POST"),
            jwsd(try client.jws(members: JWSProofFixture.claims(htm: "PUT"), payload: digest)))
        refuses(
            .methodMismatch(signed: "post", actual: "POST"),
            jwsd(try client.jws(members: JWSProofFixture.claims(htm: "post"), payload: digest)))
        let other = "https://as.example/gnap/token/t2?x=1"
        refuses(
            .uriMismatch(signed: other, actual: JWSProofFixture.uri),
            jwsd(try client.jws(members: JWSProofFixture.claims(uri: other), payload: digest)))
    }

    @Test func theAccessTokenHashMustBePresentAndRight() throws {
        // Token presented, no ath.
        refuses(
            .missingAccessTokenHash, jwsd(try client.jws(members: JWSProofFixture.claims(token: nil), payload: digest)))
        // ath of another token.
        refuses(
            .accessTokenHashMismatch,
            jwsd(try client.jws(members: JWSProofFixture.claims(token: "another-token"), payload: digest)))
        // ath, but the token was taken off the request.
        refuses(
            .unexpectedAccessTokenHash,
            jwsd(try client.jws(members: JWSProofFixture.claims(), payload: digest), token: nil))
        var notAString = JWSProofFixture.claims(token: nil)
        notAString.append(.init("ath", .integer(1)))
        refuses(.malformed("'ath' must be a string"), jwsd(try client.jws(members: notAString, payload: digest)))
    }

    @Test func createdMustBeWithinTheWindow() throws {
        let now = JWSProofFixture.now.unixSeconds
        let sent = try client.signed(.jwsd, JWSProofFixture.request())
        // 300 s of age plus 30 s of skew pass; one more second does not.
        #expect(throws: Never.self) {
            try client.verify(.jwsd, sent, now: JWSProofFixture.now.advanced(by: .seconds(330))).get()
        }
        refuses(.tooOld(created: now, now: now + 331), sent, now: JWSProofFixture.now.advanced(by: .seconds(331)))
        #expect(throws: Never.self) {
            try client.verify(.jwsd, sent, now: JWSProofFixture.now.advanced(by: .seconds(-30))).get()
        }
        refuses(
            .createdInFuture(created: now, now: now - 31), sent, now: JWSProofFixture.now.advanced(by: .seconds(-31)))
        var text = JWSProofFixture.claims()
        text[2] = .init("created", .string("\(now)"))
        refuses(
            .malformed("'created' must be an integer number of seconds since the epoch"),
            jwsd(try client.jws(members: text, payload: digest)))
        var milliseconds = JWSProofFixture.claims()
        milliseconds[2] = .init("created", .integer(now * 1000))
        refuses(
            .createdInFuture(created: now * 1000, now: now),
            jwsd(try client.jws(members: milliseconds, payload: digest)))
    }

    @Test func everyRequiredMemberMustBePresent() throws {
        for name in ["htm", "uri", "created"] {
            let members = JWSProofFixture.claims().filter { $0.name != name }
            refuses(.missingHeaderMember(name), jwsd(try client.jws(members: members, payload: digest)))
        }
        var typed = JWSProofFixture.claims()
        typed[0] = .init("htm", .array([]))
        refuses(.malformed("'htm' must be a string"), jwsd(try client.jws(members: typed, payload: digest)))
    }

    @Test func theKidMustBeTheKeys() throws {
        refuses(
            .wrongKeyID(expected: "ed-key", found: "other"),
            jwsd(try client.jws(kid: "other", members: JWSProofFixture.claims(), payload: digest)))
        let anonymous = JWSProofFixture(SigningKey.generateEd25519(keyID: nil))
        let sent = try anonymous.signed(.jwsd, JWSProofFixture.request())
        refuses(.wrongKeyID(expected: "ed-key", found: nil), sent, key: client.proofKey)
    }

    @Test func anotherKeysSignatureIsRefused() throws {
        let impostor = JWSProofFixture(SigningKey.generateEd25519(keyID: "ed-key"))
        refuses(.badSignature, try impostor.signed(.jwsd, JWSProofFixture.request()))
        refuses(.badSignature, try impostor.signed(.jws, JWSProofFixture.request()), method: .jws)
        // A valid JWS whose signature bytes were changed.
        var sent = try client.signed(.jwsd, JWSProofFixture.request())
        var pieces = sent.detachedJWS!.split(separator: ".").map(String.init)
        var signature = Base64URL.decode(pieces[2])!
        signature[0] ^= 1
        pieces[2] = Base64URL.encode(signature)
        sent.detachedJWS = pieces.joined(separator: ".")
        refuses(.badSignature, sent)
    }

    @Test func aChangedBodyIsRefused() throws {
        var sent = try client.signed(.jwsd, JWSProofFixture.request())
        sent.content = Array(#"{"access":["write"]}"#.utf8)
        refuses(.contentMismatch, sent)
        // Content added to a request that was signed without: its empty payload segment reads as detached content
        // (RFC 7515 Appendix F), so the digest of the added content is what the signature then fails to cover.
        var bodiless = try client.signed(.jwsd, JWSProofFixture.request(method: "POST", content: []))
        bodiless.content = JWSProofFixture.body
        refuses(.badSignature, bodiless)
        // Content removed.
        var emptied = try client.signed(.jwsd, JWSProofFixture.request())
        emptied.content = []
        refuses(.contentMismatch, emptied)
        // jws: the payload swapped inside the JWS.
        var attached = try client.signed(.jws, JWSProofFixture.request())
        var pieces = String(decoding: attached.content, as: UTF8.self).split(separator: ".").map(String.init)
        pieces[1] = Base64URL.encode(Array(#"{"access":["write"]}"#.utf8))
        attached.content = Array(pieces.joined(separator: ".").utf8)
        refuses(.badSignature, attached, method: .jws)
    }

    @Test func aMissingOrMalformedProofIsRefused() throws {
        refuses(.missingProof("no Detached-JWS"), JWSProofFixture.request())
        refuses(
            .missingProof("a jws request without content carries its JWS in Detached-JWS"),
            JWSProofFixture.request(method: "GET", content: []), method: .jws)
        refuses(.malformed("a compact JWS has three parts"), jwsd("not a jws"))
        refuses(.malformed("the body is not a JWS"), JWSProofFixture.request(content: [0xFF, 0xFE]), method: .jws)
        refuses(.malformed("a compact JWS has three parts"), JWSProofFixture.request(), method: .jws)
        var both = try client.signed(.jws, JWSProofFixture.request())
        both.detachedJWS = try client.signed(.jwsd, JWSProofFixture.request()).detachedJWS
        refuses(
            .malformed("a jws request with content carries its JWS in the body, not in Detached-JWS"), both,
            method: .jws)
        let duplicate = Base64URL.encode(Array(#"{"alg":"EdDSA","alg":"none"}"#.utf8)) + ".."
        refuses(.malformed("the header is not valid JSON: the member name 'alg' appears twice"), jwsd(duplicate))
    }

    @Test func unknownCriticalMembersAreRefused() throws {
        var header = JOSEHeader(alg: "", typ: "gnap-binding-jwsd", crit: ["exp"], members: JWSProofFixture.claims())
        header.members.append(.init("exp", .integer(1)))
        header.kid = "ed-key"
        let jws = try CompactJWS.sign(payload: digest, header: header, key: client.key).compact
        refuses(.unsupportedCritical(["exp"]), jwsd(jws))
        header.crit = ["htm", "uri", "created", "ath"]
        let understood = try CompactJWS.sign(payload: digest, header: header, key: client.key).compact
        #expect(throws: Never.self) { try client.verify(.jwsd, jwsd(understood)).get() }
    }

    @Test func bodilessJWSAcceptsEitherTypeButNoPayload() throws {
        let get = JWSProofFixture.request(method: "GET", content: [])
        var request = get
        request.detachedJWS = try client.jws(
            typ: "gnap-binding-jwsd", members: JWSProofFixture.claims(htm: "GET"), payload: [])
        #expect(throws: Never.self) { try client.verify(.jws, request).get() }
        request.detachedJWS = try client.jws(
            typ: "gnap-binding-jws", members: JWSProofFixture.claims(htm: "GET"), payload: [1])
        refuses(.contentMismatch, request, method: .jws)
    }
}
