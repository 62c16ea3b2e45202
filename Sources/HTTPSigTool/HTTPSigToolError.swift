import HTTPMessageSignatures

/// Why `gnapterm httpsig` could not compute a base, sign, or verify. Every message is safe to show: none contains
/// key material.
public enum HTTPSigToolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message on standard input is not an HTTP/1.1 message.
    case message(HTTPMessageTextError)
    /// The `--request` file is not an HTTP/1.1 message.
    case relatedRequest(HTTPMessageTextError)
    case relatedRequestIsNotARequest
    case relatedRequestWithoutResponse
    /// RFC 9112 §3.2: a request has at most one Host field.
    case multipleHostFields
    case unknownAlgorithm(String)
    case unknownDigestAlgorithm(String)
    case unknownScheme(String)
    case negativeMaximumAge(Int64)
    /// `--at` is neither Unix seconds nor an RFC 3339 date-time.
    case invalidTime(String)
    case unrecognizedKeyFile
    case malformedJWK
    case key(KeyError)
    case invalidCoveredComponents(String)
    case invalidSignatureParameters(String)
    /// `--params` declares an `alg` other than `--alg` (RFC 9421 §3.2 step 6 would make verifiers refuse it).
    case algorithmParameterMismatch(declared: String, algorithm: SignatureAlgorithm)
    case invalidLabel(String)
    case labelInUse(String)
    case noSuchSignature(String)
    case signatureFields(SignatureFieldError)
    case contentDigestPresent
    /// `sign`: the message says Transfer-Encoding: chunked but the input ends within its header section.
    case chunkedMessageWithoutBody
    /// `sign`: with the new signature, the signature fields could no longer be read by a verifier.
    case signedFieldsUnreadable(SignatureFieldError)
    /// `sign`: the message has an empty `Signature-Input` or `Signature` field line.
    case emptySignatureFieldLine(String)
    case base(SignatureBaseError)
    case signingFailed(String)
    /// The signature chosen by label does not carry the required tag.
    case tagMismatch(label: String, required: String, actual: String?)
    /// The signature did not verify; one entry per signature that was tried (or one for the whole message).
    case notVerified([SignatureFailure])
    /// The signature labelled `label` verified, but a Content-Digest of the message does not vouch for its content
    /// (RFC 9530 §2): one entry per field that did not match or could not be checked.
    case contentDigest(label: String, [ContentDigestFinding])

    public var description: String {
        switch self {
        case .message(let error): "the message: \(error)"
        case .relatedRequest(let error): "the --request file: \(error)"
        case .relatedRequestIsNotARequest: "the --request file holds a response, not a request"
        case .relatedRequestWithoutResponse: "--request is only used with a response (for components with ;req)"
        case .multipleHostFields: "the request has more than one Host field"
        case .unknownAlgorithm(let name):
            "unknown algorithm '\(name.printable)' (use one of: "
                + SignatureAlgorithm.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case .unknownDigestAlgorithm(let name):
            "unknown digest algorithm '\(name.printable)' (use one of: "
                + DigestAlgorithm.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case .unknownScheme(let name): "unknown scheme '\(name.printable)' (use http or https)"
        case .negativeMaximumAge(let seconds): "--max-age must not be negative (got \(seconds))"
        case .invalidTime(let text):
            "--at: '\(text.printable)' is neither Unix seconds nor an RFC 3339 date-time like 2021-04-20T02:07:53Z"
        case .unrecognizedKeyFile: "the key file is neither a JWK (JSON) nor a PEM key"
        case .malformedJWK: "the key file is not a valid JWK"
        case .key(let error): "the key: \(error)"
        case .invalidCoveredComponents(let detail): "--covered: \(detail)"
        case .invalidSignatureParameters(let detail): "--params: \(detail)"
        case .algorithmParameterMismatch(let declared, let algorithm):
            "--params declares alg=\"\(declared.printable)\" but --alg is \(algorithm.rawValue)"
        case .invalidLabel(let label): "'\(label.printable)' is not a valid signature label (a structured field key)"
        case .labelInUse(let label): "the message already has a signature labelled '\(label)'"
        case .noSuchSignature(let label): "the message has no signature labelled '\(label.printable)'"
        case .signatureFields(let error): "the message's signature fields: \(error)"
        case .contentDigestPresent: "the message already has a Content-Digest field"
        case .emptySignatureFieldLine(let name):
            "the message has an empty \(name) field line: joined with the new signature's line it is not a valid "
                + "Dictionary (RFC 9651 §4.2), so remove it"
        case .signedFieldsUnreadable(let error):
            "with the new signature, a verifier could not read the message's signature fields: \(error)"
        case .chunkedMessageWithoutBody:
            "the message says Transfer-Encoding: chunked but ends before the empty line after its header, so it has "
                + "no body: add the empty line and the chunked body (at least the last chunk, 0, and an empty line)"
        case .base(let error): "cannot build the signature base: \(error)"
        case .signingFailed(let detail): "signing failed: \(detail)"
        case .tagMismatch(let label, let required, let actual):
            "\(label): the signature has "
                + (actual.map { "tag=\"\($0.printable)\"" } ?? "no tag") + ", not tag=\"\(required.printable)\""
        case .notVerified(let failures): failures.map(\.description).joined(separator: "\n")
        case .contentDigest(let label, let findings):
            findings.map { "\(label): not verified: \($0.problem)" }.joined(separator: "\n")
        }
    }
}
