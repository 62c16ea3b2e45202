import GNAP

/// A request that passed the gate: the token, what the AS said about it, and the key that proved it. Handlers read
/// it from the context (``GNAPRequestContext``).
public struct GNAPAuthorization: Sendable {
    /// How the token was presented; its value is a secret (never log it). An RS deriving a token for a downstream
    /// RS presents it as `existing_access_token` (RFC 9767 §4).
    public let presentation: AccessTokenPresentation
    /// The token as introspected (RFC 9767 §3.3): access, flags, subject, client instance, validity.
    public let token: IntrospectedToken
    /// The RFC 7638 thumbprint of the key whose signature proved the request; nil for a bearer token.
    public let keyThumbprint: String?

    public init(presentation: AccessTokenPresentation, token: IntrospectedToken, keyThumbprint: String?) {
        self.presentation = presentation
        self.token = token
        self.keyThumbprint = keyThumbprint
    }

    /// The token value.
    public var accessToken: String { presentation.token }
    /// The token's rights as the AS disclosed them to this RS.
    public var access: [AccessRight] { token.access }
    /// The resource owner who authorized the token, when the AS released it.
    public var subject: String? { token.sub }
}
