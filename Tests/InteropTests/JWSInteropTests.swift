import Crypto
import Foundation
import GNAP
import HTTPMessageSignatures
import Testing

/// gnapterm's compact JWS and JWS proofs against the independent PyPI library joserfc (pinned in
/// Tests/python-requirements.txt): each side verifies what the other signs, for every algorithm.
@Suite struct JWSInteropTests {
    static let algorithms = SignatureAlgorithm.allCases
    static let payload = Array(#"{"access_token":{"access":["read"]},"note":"ünïcode"}"#.utf8)

    static func joseCase(_ key: InteropKey, private isPrivate: Bool, alg: String? = nil) -> JOSEHelper.Case {
        let form = isPrivate ? key.pythonPrivate : key.pythonPublic
        let kty: String =
            switch key.algorithm {
            case .ed25519: "OKP"
            case .ecdsaP256SHA256, .ecdsaP384SHA384: "EC"
            case .rsaPSSSHA512, .rsaV15SHA256: "RSA"
            case .hmacSHA256: "oct"
            }
        return JOSEHelper.Case(alg: alg ?? key.algorithm.jwsAlgorithm, key: form, kty: kty)
    }

    @Test func pinnedJoserfcIsInstalledAndImplementsEveryAlgorithm() throws {
        #expect(try JOSEHelper.installedVersion.get() == JOSEHelper.pinnedVersion())
        let supported = try JOSEHelper.algorithms()
        for algorithm in SignatureAlgorithm.allCases {
            #expect(supported.contains(algorithm.jwsAlgorithm), "joserfc lacks \(algorithm.jwsAlgorithm)")
        }
    }

    @Test(arguments: algorithms, [false, true])
    func gnaptermSignsJoserfcVerifies(_ algorithm: SignatureAlgorithm, detached: Bool) throws {
        let key = try InteropKey.make(algorithm)
        let header = JOSEHeader(
            alg: "", typ: "gnap-binding-jwsd",
            members: [.init("htm", .string("POST")), .init("created", .integer(1_700_000_000))])
        let jws = try CompactJWS.sign(payload: Self.payload, header: header, key: key.signingKey, detached: detached)
        var verifyCase = Self.joseCase(key, private: false)
        verifyCase.compact = jws.compact
        if detached { verifyCase.detachedPayloadBase64 = Data(Self.payload).base64EncodedString() }
        let verified = try #require(try JOSEHelper.verify(verifyCase), "joserfc rejected gnapterm's \(algorithm) JWS")
        #expect(verified.payload == Self.payload)
        #expect(verified.header["alg"] == .string(algorithm.jwsAlgorithm))
        #expect(verified.header["kid"] == .string(key.keyID) && verified.header["typ"] == .string("gnap-binding-jwsd"))
        #expect(verified.header["created"] == .integer(1_700_000_000))
        // joserfc does check: the same JWS with one payload byte changed is rejected.
        var tampered = verifyCase
        var changed = Self.payload
        changed[2] ^= 0x20
        if detached {
            tampered.detachedPayloadBase64 = Data(changed).base64EncodedString()
        } else {
            var pieces = jws.compact.split(separator: ".").map(String.init)
            pieces[1] = Base64URL.encode(changed)
            tampered.compact = pieces.joined(separator: ".")
        }
        #expect(try JOSEHelper.verify(tampered) == nil)
    }

    @Test(arguments: algorithms, [false, true])
    func joserfcSignsGnaptermVerifies(_ algorithm: SignatureAlgorithm, detached: Bool) throws {
        let key = try InteropKey.make(algorithm)
        var signCase = Self.joseCase(key, private: true)
        signCase.header = ["typ": .string("JWT"), "kid": .string(key.keyID)]
        signCase.payloadBase64 = Data(Self.payload).base64EncodedString()
        signCase.detached = detached
        let jws = try CompactJWS(parsing: try JOSEHelper.sign(signCase))
        #expect(jws.header.alg == algorithm.jwsAlgorithm && jws.header.kid == key.keyID && jws.header.typ == "JWT")
        #expect(jws.hasEmptyPayloadSegment == detached)
        if detached {
            try jws.verify(with: key.signingKey.verificationKey, detachedPayload: Self.payload)
        } else {
            try jws.verify(with: key.signingKey.verificationKey)
            #expect(jws.payload == Self.payload)
        }
        // Verified under another algorithm's key, the JWS is refused before its signature is looked at.
        let other = try SigningKey.generate(for: algorithm == .ed25519 ? .ecdsaP256SHA256 : .ed25519)
        #expect(throws: CompactJWS.Failure.self) { try jws.verify(with: other.verificationKey) }
    }

    /// RFC 9864 names EdDSA over Ed25519 "Ed25519"; joserfc signs under that name too.
    @Test func ed25519UnderItsFullySpecifiedName() throws {
        let key = try InteropKey.make(.ed25519)
        var signCase = Self.joseCase(key, private: true, alg: "Ed25519")
        signCase.payloadBase64 = Data(Self.payload).base64EncodedString()
        let jws = try CompactJWS(parsing: try JOSEHelper.sign(signCase))
        #expect(jws.header.alg == "Ed25519")
        try jws.verify(with: key.signingKey.verificationKey)
    }

    @Test(arguments: JWSProof.Method.allCases)
    func joserfcMadeProofsVerify(_ method: JWSProof.Method) throws {
        let key = try InteropKey.make(.ecdsaP256SHA256)
        let request = JWSProofRequest(
            method: "POST", targetURI: "https://as.example/gnap", accessToken: "token-1", content: Self.payload)
        var signCase = Self.joseCase(key, private: true)
        signCase.header = [
            "typ": .string(method.type), "kid": .string(key.keyID), "htm": .string("POST"),
            "uri": .string("https://as.example/gnap"), "created": .integer(1_700_000_000),
            "ath": .string(Base64URL.encode(SHA256.hash(data: Array("token-1".utf8)))),
        ]
        let payload = method == .jwsd ? Array(SHA256.hash(data: Self.payload)) : Self.payload
        signCase.payloadBase64 = Data(payload).base64EncodedString()
        let compact = try JOSEHelper.sign(signCase)
        var received = request
        if method == .jwsd { received.detachedJWS = compact } else { received.content = Array(compact.utf8) }
        let verified = try JWSProof.verify(
            method, request: received, key: JWSProofKey(key: key.signingKey.verificationKey, keyID: key.keyID),
            now: WallInstant(unixSeconds: 1_700_000_010)
        ).get()
        #expect(verified.content == Self.payload)
    }

    @Test(arguments: JWSProof.Method.allCases)
    func gnaptermProofsVerifyInJoserfc(_ method: JWSProof.Method) throws {
        let key = try InteropKey.make(.rsaPSSSHA512)
        let request = JWSProofRequest(
            method: "PATCH", targetURI: "https://as.example/gnap/continue/abc", accessToken: "token-1",
            content: Self.payload)
        let proof = try JWSProof.sign(
            method, request: request, key: key.signingKey, now: WallInstant(unixSeconds: 1_700_000_000))
        var verifyCase = Self.joseCase(key, private: false)
        verifyCase.compact = method == .jwsd ? proof.detachedJWS : String(decoding: proof.body, as: UTF8.self)
        let verified = try #require(try JOSEHelper.verify(verifyCase), "joserfc rejected gnapterm's \(method) proof")
        #expect(verified.header["typ"] == .string(method.type) && verified.header["htm"] == .string("PATCH"))
        #expect(verified.header["uri"] == .string("https://as.example/gnap/continue/abc"))
        #expect(verified.header["created"] == .integer(1_700_000_000))
        #expect(verified.header["ath"] == .string(Base64URL.encode(SHA256.hash(data: Array("token-1".utf8)))))
        #expect(verified.payload == (method == .jwsd ? Array(SHA256.hash(data: Self.payload)) : Self.payload))
    }

    /// A jws key rotation (§7.3.4.1) built with joserfc: the current key's JWS nested in the new key's.
    @Test func joserfcMadeRotationVerifies() throws {
        let current = try InteropKey.make(.ed25519)
        let new = try InteropKey.make(.ecdsaP384SHA384)
        let claims: [String: JOSEHelper.JSONValueForPython] = [
            "htm": .string("POST"), "uri": .string("https://as.example/token/1"), "created": .integer(1_700_000_000),
        ]
        var inner = Self.joseCase(current, private: true)
        inner.header = claims.merging(["typ": .string("gnap-binding-rotation-jws"), "kid": .string(current.keyID)]) {
            $1
        }
        inner.payloadBase64 = Data(Self.payload).base64EncodedString()
        var outer = Self.joseCase(new, private: true)
        outer.header = claims.merging(["typ": .string("gnap-binding-jws"), "kid": .string(new.keyID)]) { $1 }
        outer.payloadBase64 = Data(try JOSEHelper.sign(inner).utf8).base64EncodedString()
        let request = JWSProofRequest(
            method: "POST", targetURI: "https://as.example/token/1", content: Array(try JOSEHelper.sign(outer).utf8))
        let rotation = try JWSProof.verifyRotation(
            .jws, request: request,
            currentKey: JWSProofKey(key: current.signingKey.verificationKey, keyID: current.keyID),
            newKey: JWSProofKey(key: new.signingKey.verificationKey, keyID: new.keyID),
            now: WallInstant(unixSeconds: 1_700_000_000)
        ).get()
        #expect(rotation.content == Self.payload)
    }
}
