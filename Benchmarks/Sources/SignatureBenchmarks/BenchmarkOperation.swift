import HTTPMessageSignatures

/// What is measured: the GNAP profile end to end, or only the signature primitive.
enum OperationKind: String, CaseIterable, Sendable {
    /// `SignatureProfile.gnap.sign`: Content-Digest over the body, signature base, signing, appending the fields.
    case fullSign = "full-sign"
    /// The key signs the signature base bytes directly (the hash the algorithm defines included).
    case bareSign = "bare-sign"
    /// `SignatureProfile.gnap.verify`: Signature-Input and Signature parsing, Content-Digest check, policy, signature
    /// base, verification.
    case fullVerify = "full-verify"
    /// The key verifies the same signature over the same base bytes directly.
    case bareVerify = "bare-verify"
    /// `JWSProof.verify(.jwsd, …)` (RFC 9635 §7.3.3): Detached-JWS parsing, header checks, SHA-256 of the body,
    /// verification, replay value.
    case jwsdVerify = "jwsd-verify"
    /// The key verifies the jwsd JWS's signature over its signing input directly.
    case jwsdBareVerify = "jwsd-bare-verify"
    /// `JWSProof.verify(.jws, …)` (§7.3.4): the body's JWS parsed (payload decoded), header checks, verification,
    /// replay value.
    case jwsVerify = "jws-verify"
    /// The key verifies the jws JWS's signature over its signing input (header and the whole body) directly.
    case jwsBareVerify = "jws-bare-verify"

    /// The bare counterpart a full operation is compared with.
    var bare: OperationKind? {
        switch self {
        case .fullSign: .bareSign
        case .fullVerify: .bareVerify
        case .jwsdVerify: .jwsdBareVerify
        case .jwsVerify: .jwsBareVerify
        case .bareSign, .bareVerify, .jwsdBareVerify, .jwsBareVerify: nil
        }
    }

    /// The row label of a full operation in the report.
    var label: String {
        switch self {
        case .fullSign, .bareSign: "httpsig sign"
        case .fullVerify, .bareVerify: "httpsig verify"
        case .jwsdVerify, .jwsdBareVerify: "jwsd verify"
        case .jwsVerify, .jwsBareVerify: "jws verify"
        }
    }
}

/// One measurable operation. `run` performs it once and returns a value derived from its result, which the caller
/// accumulates so the optimizer cannot drop the work; it traps when the operation fails, because timing a failure
/// path would be meaningless.
struct BenchmarkOperation {
    let algorithm: SignatureAlgorithm
    let kind: OperationKind
    let run: () -> Int

    var name: String { "\(algorithm.rawValue) \(kind.rawValue)" }
}
