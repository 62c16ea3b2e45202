import HTTPMessageSignatures

/// The general-purpose access token model (RFC 9767 §2.1) as the claims of a structured token (§2.2, the
/// `jwt-signed` format), with the JWT names §2.1 maps each item to.
///
/// The key binding (§2.1.3) is RFC 7800's `cnf`; §2.1 asks that the binding carry its proofing method, which
/// `cnf.proof` does. Items §2.1 gives no JWT name are carried under their model names (`access`, `flags`, `label`)
/// and the parent grant (§2.1.12) as `grant`, an identifier only the AS can resolve.
public struct AccessTokenClaims: Sendable, Hashable, Codable {
    /// §2.1.2: the issuing AS (its grant endpoint URL).
    public var iss: String
    /// §2.1.3: the RSes the token is meant for.
    public var aud: Audience?
    /// §2.1.4: the key the token is bound to; absent exactly for a bearer token.
    public var cnf: TokenConfirmation?
    /// §2.1.5.
    public var flags: [String]?
    /// §2.1.6.
    public var access: [AccessRight]
    /// §2.1.7: issued at, not before, expires (Unix seconds).
    public var iat: Int64?
    public var nbf: Int64?
    public var exp: Int64?
    /// §2.1.8: the token identifier.
    public var jti: String
    /// §2.1.9: the resource owner who authorized the token.
    public var sub: String?
    /// §2.1.11: the client instance the token was issued to.
    public var clientID: String?
    /// §2.1.12.
    public var label: String?
    /// §2.1.13: the parent grant.
    public var grant: String?

    public init(
        iss: String, aud: Audience? = nil, cnf: TokenConfirmation? = nil, flags: [String]? = nil,
        access: [AccessRight], iat: Int64? = nil, nbf: Int64? = nil, exp: Int64? = nil, jti: String,
        sub: String? = nil, clientID: String? = nil, label: String? = nil, grant: String? = nil
    ) {
        self.iss = iss
        self.aud = aud
        self.cnf = cnf
        self.flags = flags
        self.access = access
        self.iat = iat
        self.nbf = nbf
        self.exp = exp
        self.jti = jti
        self.sub = sub
        self.clientID = clientID
        self.label = label
        self.grant = grant
    }

    /// Whether the token is a bearer token.
    public var isBearer: Bool { flags?.contains(AccessTokenFlag.bearer) ?? false }

    private enum CodingKeys: String, CodingKey {
        case iss, aud, cnf, flags, access, iat, nbf, exp, jti, sub
        case clientID = "client_id"
        case label, grant
    }

    /// The checks a token's holder cannot vouch for, made before anything else is trusted (`invalid_request`):
    /// a binding exactly when the token is not a bearer token (§2.1.4), and a validity window that is one.
    public func validate() throws(GNAPError) {
        if isBearer, cnf != nil { throw GNAPError(.invalidRequest, "a bearer token must not carry 'cnf'") }
        if !isBearer, cnf == nil { throw GNAPError(.invalidRequest, "a bound token must carry 'cnf'") }
        if let cnf, cnf.jkt == nil, cnf.jwk == nil {
            throw GNAPError(.invalidRequest, "'cnf' must name the key by 'jkt' or 'jwk'")
        }
        if let exp, let start = nbf ?? iat, exp <= start {
            throw GNAPError(.invalidRequest, "'exp' is not after the token's start")
        }
    }
}

/// RFC 7800 `cnf` for a GNAP token (RFC 9767 §2.1.4): the key by RFC 7638 thumbprint (`jkt`, as RFC 9449 §6.1
/// names it) and/or by value (`jwk`), with the proofing method the key is used with.
public struct TokenConfirmation: Sendable, Hashable, Codable {
    public var jkt: String?
    public var jwk: JWK?
    public var proof: ProofMethod?

    public init(jkt: String? = nil, jwk: JWK? = nil, proof: ProofMethod? = nil) {
        self.jkt = jkt
        self.jwk = jwk
        self.proof = proof
    }

    private enum CodingKeys: String, CodingKey {
        case jkt, jwk, proof
    }
}
