/// What this AS accepts in grant requests; validation refuses anything outside it with the right §3.6 code.
public struct GrantRequestPolicy: Sendable {
    /// Interaction start modes the AS can run (§2.5.1).
    public var supportedStartModes: Set<String>
    /// Subject identifier formats the AS can release (§2.2, RFC 9493).
    public var supportedSubjectFormats: Set<String>
    /// Whether clients may ask for bearer tokens (§2.1.1 `flags`).
    public var allowsBearerTokens: Bool
    /// Largest number of access tokens in one request.
    public var maximumTokensPerRequest: Int
    /// Largest number of access rights in one token request.
    public var maximumRightsPerToken: Int
    /// Which interaction finish methods and callback URIs are accepted (§2.5.2).
    public var finish = FinishPolicy()

    /// - Parameters:
    ///   - supportedStartModes: default all four of RFC 9635: `redirect`, `app`, `user_code`, `user_code_uri`.
    ///   - supportedSubjectFormats: default `opaque`, `email`, `iss_sub`.
    ///   - allowsBearerTokens: default false: every token is bound to the client's key.
    ///   - maximumTokensPerRequest: default 16.
    ///   - maximumRightsPerToken: default 64.
    public init(
        supportedStartModes: Set<String> = [
            StartMode.redirect, StartMode.app, StartMode.userCode, StartMode.userCodeURI,
        ],
        supportedSubjectFormats: Set<String> = ["opaque", "email", "iss_sub"],
        allowsBearerTokens: Bool = false, maximumTokensPerRequest: Int = 16, maximumRightsPerToken: Int = 64
    ) {
        self.supportedStartModes = supportedStartModes
        self.supportedSubjectFormats = supportedSubjectFormats
        self.allowsBearerTokens = allowsBearerTokens
        self.maximumTokensPerRequest = maximumTokensPerRequest
        self.maximumRightsPerToken = maximumRightsPerToken
    }
}
