import GNAP
import HTTPMessageSignatures
import Testing

/// Key rotation with JWS proofs (§6.1.1, §7.3.3.1, §7.3.4.1): the current key's JWS (`gnap-binding-rotation-*`)
/// is the payload of the new key's JWS.
@Suite("JWS proofs: key rotation")
struct JWSRotationTests {
    let current = SigningKey.generateEd25519(keyID: "current")
    let new = SigningKey.generateEd25519(keyID: "new")
    let now = JWSProofFixture.now

    var currentKey: JWSProofKey { JWSProofKey(key: current.verificationKey, keyID: "current") }
    var newKey: JWSProofKey { JWSProofKey(key: new.verificationKey, keyID: "new") }

    func rotationRequest() throws -> JWSProofRequest {
        let content = try GNAPJSON.encode([
            "key": ClientKeyValue(proof: ProofMethod(method: "jwsd"), jwk: try new.publicJWK())
        ])
        return JWSProofFixture.request(content: content)
    }

    func signed(
        _ method: JWSProof.Method, _ request: JWSProofRequest, current: SigningKey? = nil, new: SigningKey? = nil
    ) throws -> JWSProofRequest {
        let proof = try JWSProof.signRotation(
            method, request: request, currentKey: current ?? self.current, newKey: new ?? self.new, now: now)
        var received = request
        received.content = proof.body
        received.detachedJWS = proof.detachedJWS
        return received
    }

    func verify(_ method: JWSProof.Method, _ request: JWSProofRequest) -> Result<VerifiedJWSRotation, JWSProofFailure> {
        JWSProof.verifyRotation(method, request: request, currentKey: currentKey, newKey: newKey, now: now)
    }

    @Test(arguments: JWSProof.Method.allCases)
    func bothProofsVerifyAndTheNewOneCoversTheCurrentOne(_ method: JWSProof.Method) throws {
        let request = try rotationRequest()
        let sent = try signed(method, request)
        // The new key's content (for jws, inside two JWS) is readable before verification, to find the new key.
        #expect(try JWSProof.unverifiedContent(method, request: sent, rotation: true) == request.content)
        let rotation = try verify(method, sent).get()
        #expect(rotation.content == request.content && rotation.new.content == request.content)
        #expect(rotation.old.header.typ == method.rotationType && rotation.old.header.kid == "current")
        #expect(rotation.new.header.typ == method.type && rotation.new.header.kid == "new")
        // The new key's JWS carries the current key's JWS, signature included (§6.1.1).
        let outer = try CompactJWS(
            parsing: method == .jws ? String(decoding: sent.content, as: UTF8.self) : sent.detachedJWS!)
        let inner = try CompactJWS(parsing: String(decoding: outer.payload, as: UTF8.self))
        #expect(inner.signature.count == 64 && inner.header.kid == "current")
        #expect(rotation.old.replay != rotation.new.replay)
    }

    @Test(arguments: JWSProof.Method.allCases)
    func eachProofIsRequired(_ method: JWSProof.Method) throws {
        let request = try rotationRequest()
        let stranger = SigningKey.generateEd25519(keyID: "current")
        #expect(throws: JWSProofFailure.rotation(.old, .badSignature)) {
            try verify(method, try signed(method, request, current: stranger)).get()
        }
        let otherNew = SigningKey.generateEd25519(keyID: "new")
        #expect(throws: JWSProofFailure.rotation(.new, .badSignature)) {
            try verify(method, try signed(method, request, new: otherNew)).get()
        }
        // The new key alone, without the current key's JWS inside: a plain proof is not a rotation.
        let plain = try JWSProofFixture(new).signed(method, request)
        #expect(throws: JWSProofFailure.self) { try verify(method, plain).get() }
        // The current key's plain proof wrapped by the new key: the inner type must be the rotation type.
        let innerPlain = try JWSProofFixture(current).signed(.jwsd, request)
        var wrapped = request
        let outerHeader = JOSEHeader(alg: "", typ: method.type, members: JWSProofFixture.claims())
        let outer = try CompactJWS.sign(payload: Array(innerPlain.detachedJWS!.utf8), header: outerHeader, key: new)
        if method == .jws { wrapped.content = Array(outer.compact.utf8) } else { wrapped.detachedJWS = outer.compact }
        #expect(
            throws: JWSProofFailure.rotation(
                .old, .wrongType(expected: method.rotationType, found: "gnap-binding-jwsd"))
        ) {
            try verify(method, wrapped).get()
        }
    }

    @Test func theContentIsBoundForJWSD() throws {
        let request = try rotationRequest()
        var sent = try signed(.jwsd, request)
        sent.content = try GNAPJSON.encode([
            "key": ClientKeyValue(proof: ProofMethod(method: "jwsd"), jwk: try SigningKey.generateEd25519().publicJWK())
        ])
        #expect(throws: JWSProofFailure.rotation(.old, .contentMismatch)) { try verify(.jwsd, sent).get() }
        #expect(throws: JWSProofFailure.missingProof("a key rotation carries the new key in its content")) {
            try verify(.jwsd, JWSProofFixture.request(content: [])).get()
        }
        #expect(throws: RotationSigningError.noContent) {
            try JWSProof.signRotation(
                .jws, request: JWSProofFixture.request(content: []), currentKey: current, newKey: new, now: now)
        }
    }
}
