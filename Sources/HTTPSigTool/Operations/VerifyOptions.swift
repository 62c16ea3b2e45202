import HTTPMessageSignatures

/// Options of `gnapterm httpsig verify`.
public struct VerifyOptions: Sendable {
    /// The key file's contents (JWK or PEM).
    public var key: String
    public var algorithm: SignatureAlgorithm
    /// Verify only the signature with this label.
    public var label: String?
    /// Consider only signatures with this `tag`.
    public var tag: String?
    /// Refuse signatures whose `created` is older than this many seconds; nil for no limit.
    public var maximumAge: Int64?
    public var scheme: TargetScheme
    /// The related request of a response, as HTTP/1.1 text, for components with `;req`.
    public var relatedRequest: [UInt8]?
    /// The Unix time to verify at, for `created`, `expires` and the maximum age: now, or the `--at` time.
    public var now: Int64

    /// - Parameters:
    ///   - key: the key file's text.
    ///   - algorithm: the signature algorithm.
    ///   - label: the signature to verify. Default: any signature that verifies with the key.
    ///   - tag: the required `tag`. Default: none.
    ///   - maximumAge: the maximum age of `created` in seconds. Default: no limit.
    ///   - scheme: the target URI's scheme. Default: https.
    ///   - relatedRequest: the request a response answers. Default: none.
    ///   - now: the current Unix time.
    public init(
        key: String, algorithm: SignatureAlgorithm, label: String? = nil, tag: String? = nil,
        maximumAge: Int64? = nil, scheme: TargetScheme = .https, relatedRequest: [UInt8]? = nil, now: Int64
    ) {
        self.key = key
        self.algorithm = algorithm
        self.label = label
        self.tag = tag
        self.maximumAge = maximumAge
        self.scheme = scheme
        self.relatedRequest = relatedRequest
        self.now = now
    }
}

extension HTTPSigTool {
    /// Verifies the message (RFC 9421 §3.2) with one key. With a label, only that signature is checked; otherwise
    /// every signature (with `tag`, if given) is tried with the key, as a verifier that knows its key would (the label
    /// alone is never trusted, §7.2.5). Returns the line to print on success.
    ///
    /// `created` may not lie in the future and `expires` may not be past (30 seconds of clock skew allowed); there is
    /// no age limit unless ``VerifyOptions/maximumAge`` is set. Every `Content-Digest` is then checked against the
    /// content (see ``ContentDigestFinding``); the returned text has one more line per field, and one saying the body
    /// is not signed when the message has a body but no Content-Digest.
    public static func verify(_ input: some Collection<UInt8>, options: VerifyOptions) throws(HTTPSigToolError)
        -> String
    {
        if let maximumAge = options.maximumAge, maximumAge < 0 { throw .negativeMaximumAge(maximumAge) }
        let (text, related) = try read(input, relatedRequest: options.relatedRequest)
        let message = try text.httpMessage(scheme: options.scheme, relatedRequest: related)
        let key = try KeyFile.verificationKey(options.key, algorithm: options.algorithm)
        let all = try signatures(of: message)
        if let label = options.label {
            guard let chosen = all.first(where: { $0.label == label }) else { throw .noSuchSignature(label) }
            if let tag = options.tag, chosen.parameters.tag != tag {
                throw .tagMismatch(label: label, required: tag, actual: chosen.parameters.tag)
            }
        }
        let policy = VerificationPolicy(
            requiredTag: options.tag, requireCreated: false, maximumAge: options.maximumAge, now: options.now)
        let result = MessageVerifier.verify(message, policy: policy) { signature in
            options.label == nil || signature.label == options.label ? key : nil
        }
        switch result {
        case .verified(let verified):
            return try report(verified, message: text, relatedRequest: related)
        case .failed(let failures):
            // With a label, the other signatures were refused only for lack of a key: report the chosen one.
            let relevant = options.label.map { label in failures.filter { $0.label == label || $0.label == nil } }
            throw .notVerified(relevant ?? failures)
        }
    }

    /// What `verify` prints once a signature verified: that line, then what the Content-Digest check found. A
    /// signature only vouches for the fields it covers; the body is vouched for by a Content-Digest that matches it
    /// (RFC 9530 §2, RFC 9421 §7.2.8), so any Content-Digest that does not match, or cannot be checked, fails the
    /// message, covered or not.
    private static func report(
        _ verified: VerifiedSignature, message: HTTPMessageText, relatedRequest: HTTPMessageText?
    ) throws(HTTPSigToolError) -> String {
        let label = verified.label
        let findings = ContentDigestCheck.findings(
            message: message, relatedRequest: relatedRequest, covered: verified.signature.components)
        let problems = findings.filter { !$0.matches }
        guard problems.isEmpty else { throw .contentDigest(label: label, problems) }
        var lines = ["\(label): verified"] + findings.map { $0.report(label: label) }
        if !message.content.isEmpty && !findings.contains(where: { !$0.place.inRelatedRequest }) {
            lines.append("no Content-Digest: the body is not signed")
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
