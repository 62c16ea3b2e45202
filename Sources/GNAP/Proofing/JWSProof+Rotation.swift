import HTTPMessageSignatures

/// Key rotation with JWS proofs (§6.1.1; §7.3.3.1 for `jwsd`, §7.3.4.1 for `jws`): the request is first signed with
/// the current key under the `gnap-binding-rotation-*` type; that JWS, as a compact string, is the payload of a second
/// JWS signed with the new key under the method's usual type. So the current key's signature covers the content
/// (and the new key in it), and the new key's signature covers the current key's JWS, signature included.
extension JWSProof {
    /// Verifies both proofs of a rotation request ("The verifier MUST validate both signatures", §7.3.1.1). Get
    /// the new key from ``unverifiedContent(_:request:rotation:)`` first.
    public static func verifyRotation(
        _ method: Method, request: JWSProofRequest, currentKey: JWSProofKey, newKey: JWSProofKey,
        policy: JWSProofPolicy = .gnap, now: WallInstant
    ) -> Result<VerifiedJWSRotation, JWSProofFailure> {
        Result { () throws(JWSProofFailure) in
            guard !request.content.isEmpty else {
                throw .missingProof("a key rotation carries the new key in its content")
            }
            let (outer, inner) = try rotationPart(.new) { () throws(JWSProofFailure) in
                let outer: CompactJWS
                if method == .jws {
                    guard request.detachedJWS == nil else {
                        throw .malformed("a jws rotation carries its JWS in the body, not in Detached-JWS")
                    }
                    outer = try parse(bodyOf: request)
                } else {
                    guard let field = request.detachedJWS else { throw .missingProof("no Detached-JWS") }
                    outer = try parse(field)
                }
                return (outer, try parse(nested: outer))
            }
            let old = try rotationPart(.old) { () throws(JWSProofFailure) in
                try verify(
                    inner, types: [method.rotationType], payload: method == .jws ? .attached : .digest,
                    request: request, key: currentKey, policy: policy, now: now.unixSeconds)
            }
            var new = try rotationPart(.new) { () throws(JWSProofFailure) in
                try verify(
                    outer, types: [method.type], payload: .attached, request: request, key: newKey, policy: policy,
                    now: now.unixSeconds)
            }
            new.content = old.content
            return VerifiedJWSRotation(old: old, new: new)
        }
    }

    /// Runs one part of a rotation check, naming the key whose proof failed.
    private static func rotationPart<Value>(
        _ key: JWSProofFailure.RotationKey, _ body: () throws(JWSProofFailure) -> Value
    ) throws(JWSProofFailure) -> Value {
        do throws(JWSProofFailure) {
            return try body()
        } catch {
            throw .rotation(key, error)
        }
    }
}
