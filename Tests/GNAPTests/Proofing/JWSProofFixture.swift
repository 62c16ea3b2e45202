import GNAP
import HTTPMessageSignatures

/// A client, its key and a request for the JWS proof tests.
struct JWSProofFixture {
    static let now = WallInstant(unixSeconds: 1_700_000_000)
    static let uri = "https://as.example/gnap/token/t1?x=1"
    static let body = Array(#"{"key":{"proof":"jwsd","jwk":{"kty":"OKP"}},"access":["read"]}"#.utf8)
    static let token = "80UPRY5NM33OMUKMKSKU"

    var key: SigningKey
    var keyID: String? { key.keyID }
    var proofKey: JWSProofKey { JWSProofKey(key: key.verificationKey, keyID: key.keyID) }

    init(_ key: SigningKey = SigningKey.generateEd25519(keyID: "ed-key")) { self.key = key }

    static func request(
        method: String = "POST", content: [UInt8] = body, token: String? = token, uri: String = uri
    ) -> JWSProofRequest {
        JWSProofRequest(method: method, targetURI: uri, accessToken: token, content: content)
    }

    /// `request` as a client sends it with `method`'s proof: the body and Detached-JWS it would carry.
    func signed(_ method: JWSProof.Method, _ request: JWSProofRequest, now: WallInstant = now) throws
        -> JWSProofRequest
    {
        let proof = try JWSProof.sign(method, request: request, key: key, now: now)
        var received = request
        received.content = proof.body
        received.detachedJWS = proof.detachedJWS
        return received
    }

    func verify(
        _ method: JWSProof.Method, _ request: JWSProofRequest, key: JWSProofKey? = nil, now: WallInstant = now
    ) -> Result<VerifiedJWSProof, JWSProofFailure> {
        JWSProof.verify(method, request: request, key: key ?? proofKey, now: now)
    }

    /// A JWS made by hand with this key: `members` after `typ`, any `alg` override signed as given.
    func jws(
        typ: String? = "gnap-binding-jwsd", kid: String?? = .none, members: [JOSEHeader.Member], payload: [UInt8],
        detached: Bool = false
    ) throws -> String {
        var header = JOSEHeader(alg: "", typ: typ, members: members)
        header.kid = kid ?? key.keyID
        return try CompactJWS.sign(payload: payload, header: header, key: key, detached: detached).compact
    }

    static func claims(
        htm: String = "POST", uri: String = uri, created: Int64 = now.unixSeconds, token: String? = token
    ) -> [JOSEHeader.Member] {
        var members: [JOSEHeader.Member] = [
            .init("htm", .string(htm)), .init("uri", .string(uri)), .init("created", .integer(created)),
        ]
        if let token { members.append(.init("ath", .string(JWSProof.accessTokenHash(token)))) }
        return members
    }
}
