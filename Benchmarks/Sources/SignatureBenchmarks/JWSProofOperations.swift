import GNAP
import HTTPMessageSignatures

/// The `jwsd` and `jws` proofs (RFC 9635 §7.3.3, §7.3.4) of the same grant request with the same key, verified as
/// the AS would, each next to the bare verification of the same signature over the same signing input.
enum JWSProofOperations {
    static func make(_ algorithm: SignatureAlgorithm, keys: BareKeys, now: WallInstant) throws -> [BenchmarkOperation] {
        let key = JWSProofKey(key: keys.signingKey.verificationKey, keyID: GrantRequestFixture.keyID)
        var operations: [BenchmarkOperation] = []
        for method in JWSProof.Method.allCases {
            let unsigned = JWSProofRequest(
                method: "POST", targetURI: "https://as.example.com/gnap", content: GrantRequestFixture.body)
            let proof = try JWSProof.sign(method, request: unsigned, key: keys.signingKey, now: now)
            var received = unsigned
            received.content = proof.body
            received.detachedJWS = proof.detachedJWS
            guard case .success = JWSProof.verify(method, request: received, key: key, now: now) else {
                throw FixtureError.doesNotVerify(algorithm)
            }
            let jws = try CompactJWS(
                parsing: proof.detachedJWS ?? String(decoding: proof.body, as: UTF8.self))
            let signingInput = jws.signingInput
            let signature = jws.signature
            guard keys.verify(signature, signingInput) else { throw FixtureError.bareDoesNotVerify(algorithm) }
            let (full, bare): (OperationKind, OperationKind) =
                method == .jwsd ? (.jwsdVerify, .jwsdBareVerify) : (.jwsVerify, .jwsBareVerify)
            operations.append(
                BenchmarkOperation(algorithm: algorithm, kind: full) {
                    guard case .success(let verified) = JWSProof.verify(method, request: received, key: key, now: now)
                    else { fatalError("\(algorithm): \(method) verify failed") }
                    return verified.content.count
                })
            operations.append(
                BenchmarkOperation(algorithm: algorithm, kind: bare) {
                    guard keys.verify(signature, signingInput) else { fatalError("\(algorithm): bare verify failed") }
                    return signature.count
                })
        }
        return operations
    }

    /// The signing input sizes, for the report's header line.
    static func signingInputSizes(_ algorithm: SignatureAlgorithm, keys: BareKeys, now: WallInstant) throws -> [Int] {
        try JWSProof.Method.allCases.map { method in
            let request = JWSProofRequest(
                method: "POST", targetURI: "https://as.example.com/gnap", content: GrantRequestFixture.body)
            let proof = try JWSProof.sign(method, request: request, key: keys.signingKey, now: now)
            return try CompactJWS(parsing: proof.detachedJWS ?? String(decoding: proof.body, as: UTF8.self))
                .signingInput.count
        }
    }
}
