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

    /// The replay values of a verified JWS.
    static func replay(signingInput: [UInt8], created: Int64, policy: JWSProofPolicy) -> ProofReplay {
        ProofReplay(
            value: Base64URL.encode(SHA256.hash(data: signingInput)),
            expiresAt: created + policy.maximumAge + 2 * policy.allowedClockSkew + 1)
    }
}
