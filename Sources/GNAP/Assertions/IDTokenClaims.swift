/// The claims of the OpenID Connect ID Token this AS issues as an `id_token` assertion (RFC 9635 §3.4.1; OpenID
/// Connect Core 1.0 §2). `aud` is the client instance identifier (§3.5): the party the assertion is for.
public struct IDTokenClaims: Sendable, Hashable, Codable {
    /// The AS's base URL.
    public var iss: String
    /// The account's `opaque` subject identifier, the same value released as `sub_ids` (§3.4).
    public var sub: String
    public var aud: String
    /// Issued-at and expiry, in seconds since the epoch.
    public var iat: Int64
    public var exp: Int64
    /// When the account holder authenticated at the AS: the approval, signed by their enrolled device.
    public var authTime: Int64?
    /// Present only when the approver released the `email` subject identifier format too.
    public var email: String?

    public init(
        iss: String, sub: String, aud: String, iat: Int64, exp: Int64, authTime: Int64? = nil, email: String? = nil
    ) {
        self.iss = iss
        self.sub = sub
        self.aud = aud
        self.iat = iat
        self.exp = exp
        self.authTime = authTime
        self.email = email
    }

    private enum CodingKeys: String, CodingKey {
        case iss, sub, aud, iat, exp
        case authTime = "auth_time"
        case email
    }
}
