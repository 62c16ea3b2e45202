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

    /// The bare counterpart a full operation is compared with.
    var bare: OperationKind? {
        switch self {
        case .fullSign: .bareSign
        case .fullVerify: .bareVerify
        case .bareSign, .bareVerify: nil
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
