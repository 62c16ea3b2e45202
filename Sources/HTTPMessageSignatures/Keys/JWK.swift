/// A JSON Web Key (RFC 7517) as carried in GNAP `key.jwk` values and test vectors.
///
/// Only the members this library understands are modelled; every member is a base64url string as in RFC 7518.
/// Private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) are present only on private keys; use ``publicKey`` before
/// sending a key anywhere.
public struct JWK: Codable, Sendable, Hashable {
    /// Key type: `OKP`, `EC`, `RSA` or `oct`.
    public var kty: String
    /// Curve for `OKP` (`Ed25519`) and `EC` (`P-256`, `P-384`) keys.
    public var crv: String?
    public var x: String?
    public var y: String?
    public var d: String?
    public var n: String?
    public var e: String?
    public var p: String?
    public var q: String?
    public var dp: String?
    public var dq: String?
    public var qi: String?
    /// Symmetric key bytes for `oct` keys.
    public var k: String?
    public var kid: String?
    public var alg: String?
    public var use: String?

    public init(
        kty: String, crv: String? = nil, x: String? = nil, y: String? = nil, d: String? = nil,
        n: String? = nil, e: String? = nil, k: String? = nil, kid: String? = nil, alg: String? = nil
    ) {
        self.kty = kty
        self.crv = crv
        self.x = x
        self.y = y
        self.d = d
        self.n = n
        self.e = e
        self.k = k
        self.kid = kid
        self.alg = alg
    }

    /// The same key without any private member.
    public var publicKey: JWK {
        var copy = self
        copy.d = nil
        copy.p = nil
        copy.q = nil
        copy.dp = nil
        copy.dq = nil
        copy.qi = nil
        copy.k = nil
        return copy
    }

    /// Whether this JWK holds private key material.
    public var isPrivate: Bool { d != nil || k != nil }
}
