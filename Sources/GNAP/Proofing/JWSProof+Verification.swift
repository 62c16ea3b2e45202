import Crypto
import HTTPMessageSignatures

extension JWSProof {
    /// Verifies a request's `jwsd` or `jws` proof made with `key`. On success the result carries the content the
    /// request stands for (for `jws`, the JWS payload) and the values a replay cache needs.
    public static func verify(
        _ method: Method, request: JWSProofRequest, key: JWSProofKey, policy: JWSProofPolicy = .gnap,
        now: WallInstant
    ) -> Result<VerifiedJWSProof, JWSProofFailure> {
        do throws(JWSProofFailure) {
            let (jws, payload) = try locate(method, in: request)
            let types = payload == .empty && method == .jws ? [method.type, Method.jwsd.type] : [method.type]
            return .success(
                try verify(
                    jws, types: types, payload: payload, request: request, key: key, policy: policy,
                    now: now.unixSeconds))
        } catch {
            return .failure(error)
        }
    }

    /// The content a request stands for, read without checking anything: the body for `jwsd`, the payload of the
    /// body's JWS for `jws` (of the inner JWS for a rotation). The client's key is in that content on a first
    /// request or a rotation, so the verifier reads it here, finds the key, then calls ``verify(_:request:key:policy:now:)``.
    public static func unverifiedContent(
        _ method: Method, request: JWSProofRequest, rotation: Bool = false
    ) throws(JWSProofFailure) -> [UInt8] {
        guard method == .jws, !request.content.isEmpty else { return request.content }
        let outer = try parse(bodyOf: request)
        return rotation ? try parse(nested: outer).payload : outer.payload
    }

    /// How a JWS's payload relates to the request.
    enum PayloadRule: Equatable {
        /// `jwsd` with content: the SHA-256 digest of the content, in the JWS or detached (RFC 7515 App. F).
        case digest
        /// No content: the payload is empty.
        case empty
        /// The payload is in the JWS (`jws` content, or the inner JWS of a rotation).
        case attached
    }

    /// Where the method puts the JWS, and how its payload is bound.
    static func locate(_ method: Method, in request: JWSProofRequest) throws(JWSProofFailure) -> (
        CompactJWS, PayloadRule
    ) {
        if method == .jws && !request.content.isEmpty {
            guard request.detachedJWS == nil else {
                throw .malformed("a jws request with content carries its JWS in the body, not in Detached-JWS")
            }
            return (try parse(bodyOf: request), .attached)
        }
        guard let field = request.detachedJWS else {
            throw .missingProof(
                method == .jws ? "a jws request without content carries its JWS in Detached-JWS" : "no Detached-JWS")
        }
        return (try parse(field), request.content.isEmpty ? .empty : .digest)
    }

    /// Checks `jws` against the request and key: header (``checkHeader(of:types:request:key:policy:now:)``),
    /// payload binding, signature.
    static func verify(
        _ jws: CompactJWS, types: [String], payload: PayloadRule, request: JWSProofRequest, key: JWSProofKey,
        policy: JWSProofPolicy, now: Int64
    ) throws(JWSProofFailure) -> VerifiedJWSProof {
        let created = try checkHeader(of: jws, types: types, request: request, key: key, policy: policy, now: now)
        let signingInput: [UInt8]
        switch payload {
        case .digest:
            let digest = Array(SHA256.hash(data: request.content))
            if jws.hasEmptyPayloadSegment {
                signingInput = jws.signingInput(detachedPayload: digest)
            } else {
                guard jws.payload == digest else { throw .contentMismatch }
                signingInput = jws.signingInput
            }
        case .empty:
            guard jws.hasEmptyPayloadSegment else { throw .contentMismatch }
            signingInput = jws.signingInput
        case .attached:
            guard !jws.hasEmptyPayloadSegment else { throw .malformed("the JWS carries no payload") }
            signingInput = jws.signingInput
        }
        guard key.key.isValidSignature(jws.signature, over: signingInput) else { throw .badSignature }
        return VerifiedJWSProof(
            header: jws.header, created: created, content: payload == .attached ? jws.payload : request.content,
            replay: replay(signature: jws.signature, algorithm: key.key.algorithm, created: created, policy: policy))
    }

    static func parse(_ compact: String) throws(JWSProofFailure) -> CompactJWS {
        do throws(CompactJWS.Failure) {
            return try CompactJWS(parsing: compact)
        } catch {
            throw JWSProofFailure(error)
        }
    }

    /// A `jws` body: the compact JWS, with surrounding whitespace allowed.
    static func parse(bodyOf request: JWSProofRequest) throws(JWSProofFailure) -> CompactJWS {
        var body = request.content[...]
        while let last = body.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { body.removeLast() }
        while let first = body.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
            body.removeFirst()
        }
        guard let text = String(validating: body, as: UTF8.self) else { throw .malformed("the body is not a JWS") }
        return try parse(text)
    }

    /// The JWS carried as the payload of `outer` (a rotation, §7.3.3.1, §7.3.4.1).
    static func parse(nested outer: CompactJWS) throws(JWSProofFailure) -> CompactJWS {
        guard let text = String(validating: outer.payload, as: UTF8.self), !text.isEmpty else {
            throw .malformed("the payload is not the current key's JWS")
        }
        return try parse(text)
    }
}
