import Crypto
import HTTPMessageSignatures

/// What a client sends for a JWS proof.
public struct SignedJWSProof: Sendable, Hashable {
    /// The `Detached-JWS` field, when the proof travels there.
    public var detachedJWS: String?
    /// The body: the content itself (`jwsd`), or the JWS (`jws` with content).
    public var body: [UInt8]
    /// `application/jose` when the body is a JWS; nil when the content keeps its own type.
    public var contentType: String?
}

extension JWSProof {
    /// Signs a request with `key` (whose `keyID` must be the `kid` of its JWK, §7.3.3): `jwsd` puts a JWS over the
    /// SHA-256 digest of the content in `Detached-JWS` (in the RFC's example form, with the digest in the payload
    /// segment); `jws` makes the content the JWS payload and the JWS the body, or without content puts a JWS over
    /// an empty payload in `Detached-JWS`.
    public static func sign(
        _ method: Method, request: JWSProofRequest, key: SigningKey, now: WallInstant
    ) throws -> SignedJWSProof {
        let header = proofHeader(type: method.type, request: request, now: now)
        if method == .jws && !request.content.isEmpty {
            let jws = try CompactJWS.sign(payload: request.content, header: header, key: key)
            return SignedJWSProof(detachedJWS: nil, body: jws.compactBytes, contentType: mediaType)
        }
        let jws = try CompactJWS.sign(payload: payload(method, request.content), header: header, key: key)
        return SignedJWSProof(detachedJWS: jws.compact, body: request.content, contentType: nil)
    }

    /// Signs a key rotation (§6.1.1): `request.content` names the new key; `currentKey` signs it under the
    /// rotation type, `newKey` signs that JWS under the method's type.
    public static func signRotation(
        _ method: Method, request: JWSProofRequest, currentKey: SigningKey, newKey: SigningKey, now: WallInstant
    ) throws -> SignedJWSProof {
        guard !request.content.isEmpty else { throw RotationSigningError.noContent }
        let inner = try CompactJWS.sign(
            payload: payload(method, request.content),
            header: proofHeader(type: method.rotationType, request: request, now: now), key: currentKey)
        let outer = try CompactJWS.sign(
            payload: inner.compactBytes, header: proofHeader(type: method.type, request: request, now: now),
            key: newKey)
        if method == .jws {
            return SignedJWSProof(detachedJWS: nil, body: outer.compactBytes, contentType: mediaType)
        }
        return SignedJWSProof(detachedJWS: outer.compact, body: request.content, contentType: nil)
    }

    /// The JWS payload for `content`: `jwsd` signs its SHA-256 digest, `jws` the content itself (§7.3.3, §7.3.4);
    /// both sign an empty payload without content.
    static func payload(_ method: Method, _ content: [UInt8]) -> [UInt8] {
        if content.isEmpty || method == .jws { return content }
        return Array(SHA256.hash(data: content))
    }

    /// `typ`, `htm`, `uri`, `created`, a `nonce` and, with a token, `ath`; `alg` and `kid` come from the key.
    /// §7.3.3 names no nonce, but without one two identical requests in the same second (a GET repeated) give the
    /// same JWS with a deterministic algorithm such as Ed25519, and a verifier's replay check must refuse the second.
    /// A random `nonce` (the unique-value header parameter of RFC 8555 §6.5.2, ignored by verifiers that do not know
    /// it, RFC 7515 §4) makes every signing act distinct.
    static func proofHeader(type: String, request: JWSProofRequest, now: WallInstant) -> JOSEHeader {
        var members: [JOSEHeader.Member] = [
            .init("htm", .string(request.method)),
            .init("uri", .string(request.targetURI)),
            .init("created", .integer(now.unixSeconds)),
            .init("nonce", .string(Secrets.identifier())),
        ]
        if let token = request.accessToken { members.append(.init("ath", .string(accessTokenHash(token)))) }
        return JOSEHeader(alg: "", typ: type, members: members)
    }
}
