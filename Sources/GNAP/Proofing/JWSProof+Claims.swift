import Crypto
import HTTPMessageSignatures

extension JWSProof {
    /// Checks one JWS's protected header against the key and the request (§7.3.3, §7.3.4: "All required fields
    /// MUST be present and their values MUST be valid. All fields MUST match the corresponding portions of the
    /// HTTP message"): `alg` is the key's algorithm, `crit` names nothing unknown, `typ` is one of `types`, `kid` is
    /// the key's, `htm` and `uri` are the request's, `created` is within the policy's window, and `ath` is present
    /// exactly when a token is, as its hash. Returns `created`.
    static func checkHeader(
        of jws: CompactJWS, types: [String], request: JWSProofRequest, key: JWSProofKey, policy: JWSProofPolicy,
        now: Int64
    ) throws(JWSProofFailure) -> Int64 {
        do throws(CompactJWS.Failure) {
            try jws.checkHeader(for: key.key, understood: claimNames)
        } catch {
            throw JWSProofFailure(error)
        }
        let header = jws.header
        guard let typ = header.typ, types.contains(typ) || types.contains(normalizedType(typ)) else {
            throw .wrongType(expected: types[0], found: header.typ)
        }
        if let expected = key.keyID, header.kid != expected { throw .wrongKeyID(expected: expected, found: header.kid) }
        let htm = try string("htm", in: header)
        guard htm == request.method else { throw .methodMismatch(signed: htm, actual: request.method) }
        let uri = try string("uri", in: header)
        guard TargetURI.matches(signed: uri, actual: request.targetURI) else {
            throw .uriMismatch(signed: uri, actual: request.targetURI)
        }
        guard let createdValue = header["created"] else { throw .missingHeaderMember("created") }
        guard case .integer(let created) = createdValue else {
            throw .malformed("'created' must be an integer number of seconds since the epoch")
        }
        if created > now + policy.allowedClockSkew { throw .createdInFuture(created: created, now: now) }
        if now - created > policy.maximumAge + policy.allowedClockSkew { throw .tooOld(created: created, now: now) }
        switch (request.accessToken, header["ath"]) {
        case (nil, nil): break
        case (nil, .some): throw .unexpectedAccessTokenHash
        case (.some, nil): throw .missingAccessTokenHash
        case (let token?, let value?):
            guard case .string(let ath) = value else { throw .malformed("'ath' must be a string") }
            guard constantTimeEquals(Array(ath.utf8), Array(accessTokenHash(token).utf8)) else {
                throw .accessTokenHashMismatch
            }
        }
        return created
    }

    /// RFC 7515 §4.1.9: `typ` is a media type, compared without case, with `application/` optional.
    static func normalizedType(_ typ: String) -> String {
        let lowered = typ.lowercased()
        return lowered.hasPrefix("application/") ? String(lowered.dropFirst("application/".count)) : lowered
    }

    private static func string(_ name: String, in header: JOSEHeader) throws(JWSProofFailure) -> String {
        guard let value = header[name] else { throw .missingHeaderMember(name) }
        guard case .string(let string) = value else { throw .malformed("'\(name)' must be a string") }
        return string
    }

    /// The replay values of a verified JWS: SHA-256 of its signature, which names one signing act. For ECDSA only
    /// the `r` half counts, because `(r, s)` and `(r, n − s)` both verify and anyone can compute the second; `r`
    /// comes from the signer's secret nonce, so a new `r` needs the key. The other algorithms have one valid
    /// signature per signing act: HMAC and RSA PKCS #1 v1.5 are deterministic, a PSS signature cannot be altered
    /// without the key, and BoringSSL refuses Ed25519 signatures with a non-canonical `S` and RSA signatures that
    /// are not below the modulus.
    static func replay(
        signature: [UInt8], algorithm: SignatureAlgorithm, created: Int64, policy: JWSProofPolicy
    ) -> ProofReplay {
        let unique =
            switch algorithm {
            case .ecdsaP256SHA256, .ecdsaP384SHA384: signature.prefix(signature.count / 2)
            case .ed25519, .rsaPSSSHA512, .rsaV15SHA256, .hmacSHA256: signature[...]
            }
        return ProofReplay(
            value: Base64URL.encode(SHA256.hash(data: unique)),
            expiresAt: created + policy.maximumAge + 2 * policy.allowedClockSkew + 1)
    }
}
