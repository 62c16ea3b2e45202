extension CompactJWS {
    /// Signs `payload` with `key`. The header's `alg` is always the key's algorithm (whatever `header.alg` says);
    /// its `kid` is the key's ``SigningKey/keyID`` unless the header names one. With `detached`, the payload
    /// segment is left empty (RFC 7515 Appendix F) and the payload travels some other way.
    public static func sign(
        payload: [UInt8], header: JOSEHeader, key: SigningKey, detached: Bool = false
    ) throws -> CompactJWS {
        var header = header
        header.alg = key.algorithm.jwsAlgorithm
        if header.kid == nil { header.kid = key.keyID }
        let encodedPayload = Base64URL.encode(payload)
        let encodedHeader = Base64URL.encode(header.jsonBytes())
        let signature = try key.sign(Array((encodedHeader + "." + encodedPayload).utf8))
        return try CompactJWS(
            parsing: encodedHeader + "." + (detached ? "" : encodedPayload) + "." + Base64URL.encode(signature))
    }

    /// Signs `payload` under a header of the key's algorithm and `kid`, `typ` and `members`.
    public static func sign(
        payload: [UInt8], key: SigningKey, type: String? = nil, members: [JOSEHeader.Member] = [],
        detached: Bool = false
    ) throws -> CompactJWS {
        try sign(
            payload: payload, header: JOSEHeader(alg: "", typ: type, members: members), key: key, detached: detached)
    }
}
