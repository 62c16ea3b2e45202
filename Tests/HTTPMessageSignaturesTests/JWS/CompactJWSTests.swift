import HTTPMessageSignatures
import Testing

@Suite("Compact JWS: signing, verification, algorithm binding")
struct CompactJWSTests {
    /// One key per algorithm (RSA keys are generated once: it is slow).
    static let keys: [SignatureAlgorithm: SigningKey] = {
        var keys: [SignatureAlgorithm: SigningKey] = [:]
        for algorithm in SignatureAlgorithm.allCases {
            keys[algorithm] = try! SigningKey.generate(for: algorithm, keyID: "k-\(algorithm.rawValue)")
        }
        return keys
    }()

    static let header = JOSEHeader(
        alg: "", typ: "example+jwt",
        members: [.init("htm", .string("POST")), .init("created", .integer(1_700_000_000))])

    @Test(arguments: SignatureAlgorithm.allCases)
    func signsAndVerifiesWithTheKeysAlgorithm(_ algorithm: SignatureAlgorithm) throws {
        let key = Self.keys[algorithm]!
        let payload = Array(#"{"hello":"world"}"#.utf8)
        let jws = try CompactJWS.sign(payload: payload, header: Self.header, key: key)
        #expect(jws.header.alg == algorithm.jwsAlgorithm)
        #expect(jws.header.kid == "k-\(algorithm.rawValue)")
        #expect(jws.header["htm"] == .string("POST") && jws.header["created"] == .integer(1_700_000_000))
        try jws.verify(with: key.verificationKey)
        #expect(jws.payload == payload)
        // Another key of the same algorithm does not verify it.
        let other = try SigningKey.generate(for: algorithm)
        #expect(throws: CompactJWS.Failure.badSignature) { try jws.verify(with: other.verificationKey) }
        // A changed payload does not verify.
        var pieces = jws.compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        pieces[1] = Base64URL.encode(Array(#"{"hello":"there"}"#.utf8))
        let tampered = try CompactJWS(parsing: pieces.joined(separator: "."))
        #expect(throws: CompactJWS.Failure.badSignature) { try tampered.verify(with: key.verificationKey) }
    }

    @Test func theKeyDecidesTheAlgorithmNeverTheHeader() throws {
        let ed = Self.keys[.ed25519]!
        let jws = try CompactJWS.sign(payload: [1, 2, 3], key: ed)
        let withAlg = { (alg: String) throws -> CompactJWS in
            try CompactJWS(parsing: Self.replacingHeader(of: jws, with: #"{"alg":"\#(alg)"}"#))
        }
        #expect(throws: CompactJWS.Failure.algorithmNone) { try withAlg("none").verify(with: ed.verificationKey) }
        #expect(throws: CompactJWS.Failure.algorithmNone) { try withAlg("None").verify(with: ed.verificationKey) }
        for mac in ["HS256", "HS512"] {
            #expect(throws: CompactJWS.Failure.macWithoutSharedSecret(mac)) {
                try withAlg(mac).verify(with: ed.verificationKey)
            }
        }
        #expect(throws: CompactJWS.Failure.algorithmMismatch(header: "ES256", key: "EdDSA")) {
            try withAlg("ES256").verify(with: ed.verificationKey)
        }
        #expect(throws: CompactJWS.Failure.unsupportedAlgorithm("ES512")) {
            try withAlg("ES512").verify(with: ed.verificationKey)
        }
        // RFC 9864's fully specified name for EdDSA over Ed25519 names the same algorithm.
        #expect(throws: CompactJWS.Failure.badSignature) { try withAlg("Ed25519").verify(with: ed.verificationKey) }
        // HS256 works only with a key built as a shared secret.
        let mac = Self.keys[.hmacSHA256]!
        try CompactJWS.sign(payload: [1], key: mac).verify(with: mac.verificationKey)
        // A JWK Set is public: a MAC is refused whatever keys it holds.
        let secret = JWK(kty: "oct", k: Base64URL.encode([UInt8](repeating: 7, count: 32)))
        let macJWS = try CompactJWS.sign(payload: [1], key: try SigningKey(jwk: secret))
        #expect(throws: CompactJWS.Failure.macWithoutSharedSecret("HS256")) {
            try CompactJWS.verify(macJWS.compact, keys: [secret])
        }
    }

    @Test func detachedPayloadFollowsAppendixF() throws {
        let key = Self.keys[.ecdsaP256SHA256]!
        let payload = Array("detached content".utf8)
        let jws = try CompactJWS.sign(payload: payload, key: key, detached: true)
        #expect(jws.hasEmptyPayloadSegment && jws.payload.isEmpty)
        #expect(jws.compact.split(separator: ".", omittingEmptySubsequences: false)[1].isEmpty)
        try jws.verify(with: key.verificationKey, detachedPayload: payload)
        #expect(throws: CompactJWS.Failure.badSignature) {
            try jws.verify(with: key.verificationKey, detachedPayload: Array("other content".utf8))
        }
        // Verified as attached, the signature covers an empty payload, which is not what was signed.
        #expect(throws: CompactJWS.Failure.badSignature) { try jws.verify(with: key.verificationKey) }
        let attached = try CompactJWS.sign(payload: payload, key: key)
        #expect(throws: CompactJWS.Failure.malformed("the payload is not detached")) {
            try attached.verify(with: key.verificationKey, detachedPayload: payload)
        }
    }

    @Test func criticalExtensionsMustBeUnderstood() throws {
        let key = Self.keys[.ed25519]!
        var header = JOSEHeader(alg: "", crit: ["htm"], members: [.init("htm", .string("GET"))])
        let jws = try CompactJWS.sign(payload: [], header: header, key: key)
        #expect(throws: CompactJWS.Failure.unsupportedCritical(["htm"])) { try jws.verify(with: key.verificationKey) }
        try jws.verify(with: key.verificationKey, understood: ["htm"])
        header.crit = ["alg"]
        #expect(throws: CompactJWS.Failure.malformed("'crit' must not name the registered parameter 'alg'")) {
            try CompactJWS.sign(payload: [], header: header, key: key)
        }
    }

    static func replacingHeader(of jws: CompactJWS, with json: String) -> String {
        var pieces = jws.compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        pieces[0] = Base64URL.encode(Array(json.utf8))
        return pieces.joined(separator: ".")
    }
}
