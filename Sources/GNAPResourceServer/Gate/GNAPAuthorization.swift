import GNAP

/// A request that passed the gate: the token, what the AS said about it, and the key that proved it. Handlers read
/// it from the context (``GNAPRequestContext``).
public struct GNAPAuthorization: Sendable {
    /// How the token was presented; its value is a secret (never log it). An RS deriving a token for a downstream
    /// RS presents it as `existing_access_token` (RFC 9767 §4).
    public let presentation: AccessTokenPresentation
    /// The token as introspected (RFC 9767 §3.3): access, flags, subject, client instance, validity.
    public let token: IntrospectedToken
    /// The RFC 7638 thumbprint of the key that proved the request (by signature, JWS or TLS client certificate);
    /// nil for a bearer token.
    public let keyThumbprint: String?
    /// For a request proven with `jws` (RFC 9635 §7.3.4), the JWS payload, which the handler "MUST ... treat as the
    /// request content"; nil otherwise (the content is the body as received). ``GNAPAccessMiddleware`` also hands
    /// it to the handler as the request body.
    public let content: [UInt8]?

    public init(
        presentation: AccessTokenPresentation, token: IntrospectedToken, keyThumbprint: String?,
        content: [UInt8]? = nil
    ) {
        self.presentation = presentation
        self.token = token
        self.keyThumbprint = keyThumbprint
        self.content = content
    }

    /// The token value.
    public var accessToken: String { presentation.token }
    /// The token's rights as the AS disclosed them to this RS.
    public var access: [AccessRight] { token.access }
    /// The resource owner who authorized the token, when the AS released it.
    public var subject: String? { token.sub }
}
