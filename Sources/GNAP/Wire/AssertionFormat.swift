/// Assertion formats of the GNAP Assertion Formats registry (RFC 9635 §3.4.1, §10.7).
public enum AssertionFormat {
    /// An OpenID Connect ID Token in JWT compact form.
    public static let idToken = "id_token"
    /// A SAML 2 assertion, base64url without padding.
    public static let saml2 = "saml2"
}
