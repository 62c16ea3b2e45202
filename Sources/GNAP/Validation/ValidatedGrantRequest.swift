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
    /// Start modes both requested and supported, in the client's order; empty when the request has no `interact`.
    public var startModes: [String]
    /// Subject formats both requested and supported.
    public var subjectFormats: [String]
    /// Assertion formats (§2.2) both requested and supported, in the client's order.
    public var assertionFormats: [String] = []
    /// The end user's preferred locales (§2.5.3 `hints.ui_locales`), in the client's order of preference.
    public var uiLocales: [String] = []
    /// The interaction finish method (§2.5.2), if the client asked for one.
    public var finish: ValidatedFinish? = nil
    /// The format each token must have (RFC 9767 §2.2), in the order of ``tokens``, when a resource set it asks for
    /// requires one (§3.4); empty or nil entries leave it to the AS.
    public var tokenFormats: [String?] = []

    /// Whether the client can interact with the end user (§2.5): without `interact`, the AS has to reach the resource
    /// owner on its own (§1.6.3) or decide by policy (§1.6.4).
    public var interacts: Bool { !startModes.isEmpty }
}

/// A client key with the proofing method and the algorithms it implies (RFC 9635 §7.1, §7.3). The rules on formats
/// and methods are in `ClientKeyBinding+Formats.swift`.
public struct ClientKeyBinding: Sendable, Hashable, Codable {
    /// The public key proofs are checked with: the JWK as sent, or the key of the certificate (`cert`, or the TLS
    /// client certificate that matched `cert#S256`).
    public var jwk: JWK
    public var proof: ProofMethod
    /// The signature algorithm of `httpsig`, `jwsd` and `jws` proofs. `mtls` signs nothing at the HTTP layer; there
    /// it is the algorithm the key type implies (RSA: `rsa-v1_5-sha256`) and is never used.
    public var algorithm: SignatureAlgorithm
    public var contentDigestAlgorithm: DigestAlgorithm
    /// The RFC 7638 thumbprint of ``jwk``: the client instance's identity whatever the key's format.
    public var thumbprint: String
    /// The certificate (`cert` format): its DER in standard base64, as ``ClientCertificate/keyValue``.
    public var certificate: String?
    /// The certificate's RFC 8705 thumbprint (`cert` and `cert#S256` formats), base64url.
    public var certificateThumbprint: String?

    /// The key proofing methods (§7.3) this AS verifies; also what discovery advertises (§9).
    public static let supportedProofMethods: [String] = ["httpsig"]

    /// Validates a key by value for one of ``supportedProofMethods``.
    public init(_ key: ClientKeyValue) throws(GNAPError) {
        try self.init(key, accepting: Set(Self.supportedProofMethods))
    }

    /// The verification key for signatures made with this binding.
    public func verificationKey() throws -> VerificationKey { try VerificationKey(jwk: jwk, algorithm: algorithm) }
}
