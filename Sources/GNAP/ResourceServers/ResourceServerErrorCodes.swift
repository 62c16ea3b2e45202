extension GNAPError.Code {
    /// RFC 9767 §3.5: the RS was not recognized or allowed by the AS, or its signature did not verify.
    public static let invalidResourceServer = GNAPError.Code(rawValue: "invalid_resource_server")
    /// RFC 9767 §3.5: the RS may not register or introspect for the requested `access`.
    public static let invalidAccess = GNAPError.Code(rawValue: "invalid_access")

    /// A resource server's answer to a client whose request carries no usable access token: none, an unknown,
    /// expired or revoked one, or one presented the wrong way (RFC 9635 §7.2). Neither RFC registers codes for RS
    /// answers; this project uses the name RFC 6750 §3.1 gives the same condition, in the GNAP error shape.
    public static let invalidToken = GNAPError.Code(rawValue: "invalid_token")
    /// A resource server's answer when the token is valid but its access rights (RFC 9635 §8) do not cover the
    /// request (RFC 6750 §3.1's `insufficient_scope`, named for GNAP's `access`).
    public static let insufficientAccess = GNAPError.Code(rawValue: "insufficient_access")
    /// A resource server's answer when it cannot currently check the token (its AS is unreachable); retrying later
    /// can help. Nothing was done.
    public static let temporarilyUnavailable = GNAPError.Code(rawValue: "temporarily_unavailable")
}
