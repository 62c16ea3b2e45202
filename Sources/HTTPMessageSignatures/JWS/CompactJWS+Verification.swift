extension CompactJWS {
    /// Checks that the header's `alg` is exactly the algorithm `key` is bound to (RFC 8725 §3.1: the key decides,
    /// never the token) and that `crit` names nothing outside `understood`.
    public func checkHeader(for key: VerificationKey, understood: Set<String> = []) throws(Failure) {
        let alg = header.alg
        if Self.isNone(alg) { throw .algorithmNone }
        if alg.hasPrefix("HS") && key.algorithm != .hmacSHA256 { throw .macWithoutSharedSecret(alg) }
        guard let algorithm = SignatureAlgorithm(jwsAlgorithm: alg) else { throw .unsupportedAlgorithm(alg) }
        guard algorithm == key.algorithm else {
            throw .algorithmMismatch(header: alg, key: key.algorithm.jwsAlgorithm)
        }
        if let crit = header.crit {
            let unknown = crit.filter { !understood.contains($0) }
            guard unknown.isEmpty else { throw .unsupportedCritical(unknown) }
        }
    }

    /// Verifies the JWS with its payload as carried (RFC 7515 §5.2 steps 7–8).
    public func verify(with key: VerificationKey, understood: Set<String> = []) throws(Failure) {
        try checkHeader(for: key, understood: understood)
        guard key.isValidSignature(signature, over: signingInput) else { throw .badSignature }
    }

    /// Verifies a JWS whose payload segment is empty against `detachedPayload` (RFC 7515 Appendix F).
    public func verify(with key: VerificationKey, detachedPayload: [UInt8], understood: Set<String> = [])
        throws(Failure)
    {
        guard hasEmptyPayloadSegment else { throw .malformed("the payload is not detached") }
        try checkHeader(for: key, understood: understood)
        guard key.isValidSignature(signature, over: signingInput(detachedPayload: detachedPayload)) else {
            throw .badSignature
        }
    }

    /// Verifies `compact` against the public keys of a JWK Set (RFC 7517 §5): the one its `kid` names, or each
    /// when it has none. A JWK Set is public, so MAC algorithms are refused outright.
    public static func verify(_ compact: String, keys: [JWK]) throws(Failure) -> CompactJWS {
        let jws = try CompactJWS(parsing: compact)
        let alg = jws.header.alg
        if isNone(alg) { throw .algorithmNone }
        guard let algorithm = SignatureAlgorithm(jwsAlgorithm: alg) else {
            throw alg.hasPrefix("HS") ? .macWithoutSharedSecret(alg) : .unsupportedAlgorithm(alg)
        }
        guard algorithm != .hmacSHA256 else { throw .macWithoutSharedSecret(alg) }
        let candidates = keys.filter { key in jws.header.kid.map { key.kid == $0 } ?? true }
        let usable = candidates.compactMap { try? VerificationKey(jwk: $0.publicKey, algorithm: algorithm) }
        guard !usable.isEmpty else { throw .unknownKey }
        try jws.checkHeader(for: usable[0])
        guard usable.contains(where: { $0.isValidSignature(jws.signature, over: jws.signingInput) }) else {
            throw .badSignature
        }
        return jws
    }

    /// `none` in any case (RFC 7518 §3.6): names are case-sensitive, but no other spelling is anything else.
    static func isNone(_ alg: String) -> Bool { alg.utf8.count == 4 && alg.lowercased() == "none" }
}
