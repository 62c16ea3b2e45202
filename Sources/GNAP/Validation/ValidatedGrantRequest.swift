import HTTPMessageSignatures

/// A grant request that passed validation, with what the AS needs to act on it.
public struct ValidatedGrantRequest: Sendable, Hashable {
    public var request: GrantRequest
    /// Requested tokens in order (empty when only subject information is asked for).
    public var tokens: [AccessTokenRequest]
    /// The client's key when given by value; nil when the client is a reference to resolve.
    public var clientKey: ClientKeyBinding?
    /// The instance identifier when the client is given by reference (§2.3.1).
    public var clientReference: String?
    /// Start modes both requested and supported, in the client's order.
    public var startModes: [String]
    /// Subject formats both requested and supported.
    public var subjectFormats: [String]
    /// Assertion formats (§2.2) both requested and supported, in the client's order.
    public var assertionFormats: [String] = []
    /// The end user's preferred locales (§2.5.3 `hints.ui_locales`), in the client's order of preference.
    public var uiLocales: [String] = []
    /// The interaction finish method (§2.5.2), if the client asked for one.
    public var finish: ValidatedFinish? = nil
}

/// A client key with the proofing method and the algorithms it implies (RFC 9635 §7.3.1).
public struct ClientKeyBinding: Sendable, Hashable, Codable {
    public var jwk: JWK
    public var proof: ProofMethod
    public var algorithm: SignatureAlgorithm
    public var contentDigestAlgorithm: DigestAlgorithm
    public var thumbprint: String

    /// The key proofing methods (§7.3) this AS verifies; also what discovery advertises (§9).
    public static let supportedProofMethods: [String] = ["httpsig"]

    /// Validates a key by value: `httpsig` proofing with a public JWK whose algorithm is determined.
    public init(_ key: ClientKeyValue) throws(GNAPError) {
        guard Self.supportedProofMethods.contains(key.proof.method) else {
            throw GNAPError(.invalidClient, "proof method '\(key.proof.method)' is not supported; use 'httpsig'")
        }
        guard let jwk = key.jwk else { throw GNAPError(.invalidClient, "the client key must be given as 'jwk'") }
        guard !jwk.isPrivate else {
            throw GNAPError(.invalidClient, "the client key contains private key material; send the public key only")
        }
        let algorithm: SignatureAlgorithm
        let digest: DigestAlgorithm
        if key.proof.isObjectForm {
            // §7.3.1 object form: `alg` and `content-digest-alg` are both REQUIRED.
            guard let name = key.proof.algorithm, let declared = SignatureAlgorithm(rawValue: name) else {
                throw GNAPError(.invalidClient, "proof 'alg' is missing or not a supported HTTP signature algorithm")
            }
            guard let digestName = key.proof.contentDigestAlgorithm,
                let declaredDigest = DigestAlgorithm(rawValue: digestName)
            else {
                throw GNAPError(.invalidClient, "proof 'content-digest-alg' must be 'sha-256' or 'sha-512'")
            }
            algorithm = declared
            digest = declaredDigest
        } else {
            // §7.3.1 string form: the algorithm comes from the key material, the digest is sha-256.
            guard let implied = jwk.impliedAlgorithm else {
                throw GNAPError(.invalidClient, "cannot determine the signature algorithm from the JWK; add 'alg'")
            }
            algorithm = implied
            digest = .sha256
        }
        guard algorithm != .hmacSHA256 else {
            throw GNAPError(.invalidClient, "a shared secret cannot be sent as a client key")
        }
        do {
            _ = try VerificationKey(jwk: jwk, algorithm: algorithm)
            thumbprint = try jwk.thumbprint()
        } catch {
            throw GNAPError(.invalidClient, "the client key is unusable: \(error)")
        }
        self.jwk = jwk
        self.proof = key.proof
        self.algorithm = algorithm
        self.contentDigestAlgorithm = digest
    }

    /// The verification key for signatures made with this binding.
    public func verificationKey() throws -> VerificationKey { try VerificationKey(jwk: jwk, algorithm: algorithm) }
}
