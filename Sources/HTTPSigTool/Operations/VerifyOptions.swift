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
    /// The current Unix time, for `created`, `expires` and the maximum age.
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
    /// alone is never trusted, §7.2.7). Returns the line to print on success.
    ///
    /// `created` may not lie in the future and `expires` may not be past (30 seconds of clock skew allowed); there is
    /// no age limit unless ``VerifyOptions/maximumAge`` is set.
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
            return "\(verified.label): verified\n"
        case .failed(let failures):
            // With a label, the other signatures were refused only for lack of a key: report the chosen one.
            let relevant = options.label.map { label in failures.filter { $0.label == label || $0.label == nil } }
            throw .notVerified(relevant ?? failures)
        }
    }
}
