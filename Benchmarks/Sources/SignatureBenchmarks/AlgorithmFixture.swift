import Crypto
import CryptoExtras
import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// The four operations of one algorithm over the same key and the same grant request.
///
/// The bare operations use a swift-crypto key holding the same key material as the library's key, on the exact bytes
/// of the signature base the full path produces, so the two differ only by the work of RFC 9421, RFC 9530 and the
/// GNAP profile.
struct AlgorithmFixture {
    let algorithm: SignatureAlgorithm
    /// The size of the signature base the full path signs, in bytes.
    let baseSize: Int
    let operations: [BenchmarkOperation]

    init(_ algorithm: SignatureAlgorithm) throws {
        self.algorithm = algorithm
        let keys = try BareKeys(algorithm)
        let signingKey = keys.signingKey
        let verificationKey = signingKey.verificationKey
        let body = GrantRequestFixture.body
        let unsigned = GrantRequestFixture.unsignedRequest()
        let now = WallInstant(unixSeconds: GrantRequestFixture.created)
        let profile = SignatureProfile.gnap

        var signed = unsigned
        try profile.sign(&signed, content: body, key: signingKey, now: now, nonce: GrantRequestFixture.nonce)
        let check = profile.verify(
            signed, content: body, key: verificationKey, keyID: GrantRequestFixture.keyID, digestAlgorithms: [.sha256],
            now: now)
        guard case .success(let verified) = check else { throw FixtureError.doesNotVerify(algorithm) }
        let base = verified.base.bytes
        let signature = verified.signature.signature
        guard keys.verify(signature, base) else { throw FixtureError.bareDoesNotVerify(algorithm) }
        baseSize = base.count

        operations =
            [
                BenchmarkOperation(algorithm: algorithm, kind: .fullSign) {
                    var request = unsigned
                    try! profile.sign(
                        &request, content: body, key: signingKey, now: now, nonce: GrantRequestFixture.nonce)
                    return request.headerFields.count
                },
                BenchmarkOperation(algorithm: algorithm, kind: .bareSign) {
                    keys.sign(base).count
                },
                BenchmarkOperation(algorithm: algorithm, kind: .fullVerify) {
                    let result = profile.verify(
                        signed, content: body, key: verificationKey, keyID: GrantRequestFixture.keyID,
                        digestAlgorithms: [.sha256], now: now)
                    guard case .success(let verified) = result else { fatalError("\(algorithm): full verify failed") }
                    return verified.signature.signature.count
                },
                BenchmarkOperation(algorithm: algorithm, kind: .bareVerify) {
                    guard keys.verify(signature, base) else { fatalError("\(algorithm): bare verify failed") }
                    return signature.count
                },
            ] + (try JWSProofOperations.make(algorithm, keys: keys, now: now))
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case doesNotVerify(SignatureAlgorithm)
    case bareDoesNotVerify(SignatureAlgorithm)
    case badKey(SignatureAlgorithm?)

    var description: String {
        switch self {
        case .doesNotVerify(let algorithm): "\(algorithm.rawValue): the signed grant request does not verify"
        case .bareDoesNotVerify(let algorithm): "\(algorithm.rawValue): the bare key rejects the library's signature"
        case .badKey(let algorithm): "\(algorithm?.rawValue ?? "a test key"): the key material does not decode"
        }
    }
}
