import GNAP

/// Makes the value of an access token in its format (RFC 9767 §2.2): a random opaque value that only introspection
/// explains, or a `jwt-signed` token carrying the §2.1 model, signed by the AS's published assertion key. Either
/// way only the value's hash is stored, so introspection, rotation and revocation work the same for both.
struct TokenMinter: Sendable {
    let key: AssertionSigningKey
    let publicURL: PublicURL
    /// The format when nothing asks for one (`serve --token-format`); nil is opaque.
    let defaultFormat: String?

    /// The format of a new token: the one a resource set requires, else the AS's default.
    func format(requiring required: String?) -> String? { required ?? defaultFormat }

    /// Sets `record`'s format (nil: opaque), audience and hash and returns its value. `instanceID` is the client
    /// instance the token is issued to (§2.1.10 `client_id`).
    func mint(_ record: inout AccessTokenRecord, format: String?, instanceID: String?) throws -> String {
        record.format = format
        record.audience = TokenAudience.of(record.access)
        let value: String
        switch format {
        case TokenFormat.jwtSigned?:
            value = try StructuredAccessToken.sign(claims(of: record, instanceID: instanceID), key: key.key)
        default:
            value = Secrets.token()
        }
        record.tokenHash = Secrets.hash(value)
        return value
    }

    /// §2.1 as JWT claims; the key binding as `cnf` with the key itself (so an RS can check the client's proof
    /// offline), its RFC 7638 thumbprint and its proofing method.
    func claims(of record: AccessTokenRecord, instanceID: String?) -> AccessTokenClaims {
        AccessTokenClaims(
            iss: publicURL.grantEndpoint, aud: record.audience.map(Audience.multiple),
            cnf: record.boundKey.map { TokenConfirmation(jkt: $0.thumbprint, jwk: $0.jwk, proof: $0.proof) },
            flags: record.flags.isEmpty ? nil : record.flags, access: record.access,
            iat: record.issuedAt.unixSeconds, exp: record.expiresAt?.unixSeconds, jti: record.id, sub: record.subject,
            clientID: instanceID, label: record.label, grant: record.grantID)
    }
}
