/// What this AS accepts in grant requests; validation refuses anything outside it with the right §3.6 code.
/// The discovery document (§9) is derived from the same values, so what the AS advertises is what it accepts.
public struct GrantRequestPolicy: Sendable {
    /// Interaction start modes the AS can run (§2.5.1).
    public var supportedStartModes: Set<String>
    /// Subject identifier formats the AS can release (§2.2, RFC 9493).
    public var supportedSubjectFormats: Set<String>
    /// Assertion formats the AS can issue (§2.2, §3.4.1); others are dropped from requests like unknown
    /// subject identifier formats.
    public var supportedAssertionFormats: Set<String>
    /// Whether clients may ask for bearer tokens (§2.1.1 `flags`).
    public var allowsBearerTokens: Bool
    /// Whether an access token may be bound to a new key when it is rotated (§6.1.1; `key_rotation_supported`, §9).
    public var allowsTokenKeyRotation: Bool
    /// Largest number of access tokens in one request.
    public var maximumTokensPerRequest: Int
    /// Largest number of access rights in one token request.
    public var maximumRightsPerToken: Int
    /// Which interaction finish methods and callback URIs are accepted (§2.5.2).
    public var finish = FinishPolicy()
    /// The key proofing methods (§7.3) a client key may name; also `key_proofs_supported` (§9). Default all four
    /// (``ClientKeyBinding/proofMethods``); the AS drops `mtls` when it has no way to see a client certificate.
    public var supportedProofMethods: Set<String> = Set(ClientKeyBinding.proofMethods)

    /// ``supportedProofMethods`` in the RFC's order, as discovery lists them.
    public var orderedProofMethods: [String] { ClientKeyBinding.proofMethods.filter(supportedProofMethods.contains) }

    /// Interaction finish methods the AS can run (§2.5.2), by name: the methods of ``finish``. Unknown names are
    /// dropped when set.
    public var supportedFinishMethods: Set<String> {
        get { Set(finish.methods.map(\.rawValue)) }
        set { finish.methods = Set(newValue.compactMap(FinishMethod.init(rawValue:))) }
    }

    /// - Parameters:
    ///   - supportedStartModes: default all four of RFC 9635: `redirect`, `app`, `user_code`, `user_code_uri`.
    ///   - supportedSubjectFormats: default `opaque`, `email`, `iss_sub`.
    ///   - supportedAssertionFormats: default `id_token` (an OpenID Connect ID Token signed by the AS).
    ///   - allowsBearerTokens: default false: every token is bound to the client's key.
    ///   - allowsTokenKeyRotation: default true.
    ///   - maximumTokensPerRequest: default 16.
    ///   - maximumRightsPerToken: default 64.
    public init(
        supportedStartModes: Set<String> = [
            StartMode.redirect, StartMode.app, StartMode.userCode, StartMode.userCodeURI,
        ],
        supportedSubjectFormats: Set<String> = ["opaque", "email", "iss_sub"],
        supportedAssertionFormats: Set<String> = [AssertionFormat.idToken],
        allowsBearerTokens: Bool = false, allowsTokenKeyRotation: Bool = true, maximumTokensPerRequest: Int = 16,
        maximumRightsPerToken: Int = 64
    ) {
        self.supportedStartModes = supportedStartModes
        self.supportedSubjectFormats = supportedSubjectFormats
        self.supportedAssertionFormats = supportedAssertionFormats
        self.allowsBearerTokens = allowsBearerTokens
        self.allowsTokenKeyRotation = allowsTokenKeyRotation
        self.maximumTokensPerRequest = maximumTokensPerRequest
        self.maximumRightsPerToken = maximumRightsPerToken
    }
}
