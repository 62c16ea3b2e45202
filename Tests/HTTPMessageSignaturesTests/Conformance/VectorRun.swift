import Foundation
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// One case of the vector file made ready to run: its target message (with the related request for `;req`) and
/// the signature its `Signature-Input` and `Signature` fields carry under the case's label.
struct VectorRun {
    let vectors: VectorFile
    let testCase: VectorFile.Case
    let algorithm: SignatureAlgorithm
    let message: HTTPMessage
    let received: ReceivedSignature

    init(_ name: String) throws {
        vectors = try VectorCatalog.vectors()
        testCase = try vectors.testCase(name)
        algorithm = try vectors.algorithm(of: testCase)
        message = try vectors.targetMessage(of: testCase)
        let label = testCase.label
        let all = try ReceivedSignature.all(in: message.headerFields)
        received = try #require(all.first { $0.label == label }, "no signature labelled \(label)")
    }

    var label: String { testCase.label }

    /// The case's `Signature-Input` member exactly as printed, e.g. `sig1=("@method");created=1`.
    var inputMember: String { "\(label)=\(testCase.signatureParamsValue)" }

    /// The case's `Signature` member exactly as printed.
    var signatureMember: String { "\(label)=:\(testCase.signatureB64):" }

    /// The base rebuilt from `message` for the received components and parameters.
    func rebuiltBase(of message: HTTPMessage? = nil) throws -> SignatureBase {
        try SignatureBase(
            message: message ?? self.message, components: received.components, parameters: received.parameters)
    }

    /// Verifies with the verifier resolving the key from `keyid`, never from the label (RFC 9421 §7.2.5).
    func verify(_ message: HTTPMessage, with key: VerificationKey) -> VerificationResult {
        MessageVerifier.verify(message, policy: VectorCatalog.policy) { candidate in
            candidate.parameters.keyID == testCase.keyId ? key : nil
        }
    }

    /// What happened to this case's signature when verifying `message`.
    enum Outcome: Equatable, CustomStringConvertible {
        case verified
        case failed(SignatureFailureReason)
        /// The verifier accepted another signature of the message (and so never reported on this one).
        case otherSignatureVerified(String)

        var description: String {
            switch self {
            case .verified: "verified"
            case .failed(let reason): "failed: \(reason)"
            case .otherSignatureVerified(let label): "signature '\(label)' verified instead"
            }
        }
    }

    /// Verifies `message` and reports on this case's signature. With `knownKey`, the verifier uses `key` for every
    /// signature, as an application that knows the signer's key from context does (GNAP): a tampered `keyid` must
    /// then still fail on the signature itself.
    func outcome(of message: HTTPMessage, with key: VerificationKey, knownKey: Bool = false) -> Outcome {
        let result =
            knownKey
            ? MessageVerifier.verify(message, policy: VectorCatalog.policy) { _ in key }
            : verify(message, with: key)
        switch result {
        case .verified(let verified):
            return verified.label == label ? .verified : .otherSignatureVerified(verified.label)
        case .failed(let failures):
            guard let mine = failures.first(where: { $0.label == label }) ?? failures.first else {
                return .failed(.noSignatures)
            }
            return .failed(mine.reason)
        }
    }

    /// The first published verification key of the case.
    func publishedKey() throws -> VerificationKey {
        try #require(try vectors.verificationKeys(for: testCase).first?.key)
    }
}
