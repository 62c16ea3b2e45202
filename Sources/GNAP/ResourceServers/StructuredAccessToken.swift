import Foundation
import HTTPMessageSignatures

/// The `jwt-signed` token format (RFC 9767 §2.2, §6.3.2): the §2.1 model as the claims of a JWT (RFC 7519) signed
/// with a JWS by the AS's published key, so an RS can check a token without calling the AS.
///
/// The header's `typ` is `gnap-at+jwt` (RFC 8725 §3.11 explicit typing): the AS signs ID Tokens with the same key,
/// and an ID Token must never pass for an access token. Verification takes the key from the JWK Set by `kid` (a
/// token without one is refused), lets the key decide the algorithm (`none` and MACs are refused), then checks the
/// claims: the issuer, the audience, the validity window and the §2.1 rules of ``AccessTokenClaims/validate()``.
public enum StructuredAccessToken {
    /// The JWS `typ` of a `jwt-signed` access token.
    public static let type = "gnap-at+jwt"

    /// Signs `claims` with the AS's key.
    public static func sign(_ claims: AccessTokenClaims, key: SigningKey) throws -> String {
        try CompactJWS.sign(payload: try GNAPJSON.encode(claims), key: key, type: type).compact
    }

    /// Whether `token` has the shape of a compact JWS (three segments), so it is worth verifying as one. Opaque
    /// values of this AS never contain a dot.
    public static func looksStructured(_ token: String) -> Bool {
        token.utf8.reduce(0) { $1 == UInt8(ascii: ".") ? $0 + 1 : $0 } == 2
    }

    /// What the RS expects of every token it accepts.
    public struct Expectations: Sendable, Hashable {
        /// The issuing AS's grant endpoint (`iss`).
        public var issuer: String
        /// The audiences this RS answers to; a token must name one. Nil accepts any audience (or none).
        public var audiences: Set<String>?
        /// Tolerated clock difference, in seconds.
        public var allowedClockSkew: Int64

        /// - Parameters:
        ///   - audiences: default nil.
        ///   - allowedClockSkew: default 30 seconds.
        public init(issuer: String, audiences: Set<String>? = nil, allowedClockSkew: Int64 = 30) {
            self.issuer = issuer
            self.audiences = audiences
            self.allowedClockSkew = allowedClockSkew
        }
    }

    /// Verifies `token` against the AS's JWK Set at `now` (Unix seconds) and returns its claims.
    public static func verify(_ token: String, keys: [JWK], expecting expectations: Expectations, now: Int64)
        throws(StructuredTokenFailure) -> AccessTokenClaims
    {
        let jws: CompactJWS
        do {
            jws = try CompactJWS(parsing: token)
        } catch {
            throw .jws(error)
        }
        if jws.header.alg.lowercased() == "none" { throw .jws(.algorithmNone) }
        guard isAccessTokenType(jws.header.typ) else { throw .wrongType(jws.header.typ) }
        guard let kid = jws.header.kid else { throw .missingKeyID }
        guard let jwk = keys.first(where: { $0.kid == kid }) else { throw .unknownKeyID(kid) }
        guard let algorithm = SignatureAlgorithm(jwsAlgorithm: jws.header.alg), algorithm != .hmacSHA256 else {
            throw .jws(
                jws.header.alg.hasPrefix("HS")
                    ? .macWithoutSharedSecret(jws.header.alg) : .unsupportedAlgorithm(jws.header.alg))
        }
        do {
            try jws.verify(with: try VerificationKey(jwk: jwk.publicKey, algorithm: algorithm))
        } catch let failure as CompactJWS.Failure {
            throw .jws(failure)
        } catch {
            throw .jws(.algorithmMismatch(header: jws.header.alg, key: jwk.alg ?? jwk.kty))
        }
        let claims: AccessTokenClaims
        do {
            claims = try GNAPJSON.decode(AccessTokenClaims.self, from: jws.payload)
            try claims.validate()
        } catch let error as GNAPError {
            throw .malformedClaims(error.errorDescription ?? error.code.rawValue)
        } catch {
            throw .malformedClaims("the payload is not the claims of a GNAP access token")
        }
        try check(claims, expectations, now: now)
        return claims
    }

    static func check(_ claims: AccessTokenClaims, _ expectations: Expectations, now: Int64)
        throws(StructuredTokenFailure)
    {
        guard claims.iss == expectations.issuer else { throw .wrongIssuer(claims.iss) }
        if let accepted = expectations.audiences {
            guard let audience = claims.aud, audience.values.contains(where: accepted.contains) else {
                throw .wrongAudience
            }
        }
        guard let exp = claims.exp else { throw .malformedClaims("'exp' is missing: a structured token must expire") }
        guard now < exp + expectations.allowedClockSkew else { throw .expired }
        if let nbf = claims.nbf, nbf > now + expectations.allowedClockSkew { throw .notYetValid }
        if let cnf = claims.cnf, let jkt = cnf.jkt, let jwk = cnf.jwk, (try? jwk.publicKey.thumbprint()) != jkt {
            throw .malformedClaims("'cnf.jkt' is not the thumbprint of 'cnf.jwk'")
        }
    }

    /// RFC 7515 §4.1.9: compared as a media type, case-insensitively, `application/` optional.
    static func isAccessTokenType(_ typ: String?) -> Bool {
        guard var value = typ?.lowercased() else { return false }
        if value.hasPrefix("application/") { value.removeFirst("application/".count) }
        return value == type
    }
}

/// Why a structured token was refused. Descriptions never contain the token or key material.
public enum StructuredTokenFailure: Error, Sendable, Hashable, CustomStringConvertible {
    case jws(CompactJWS.Failure)
    case wrongType(String?)
    case missingKeyID
    case unknownKeyID(String)
    case malformedClaims(String)
    case wrongIssuer(String)
    case wrongAudience
    case expired
    case notYetValid

    public var description: String {
        switch self {
        case .jws(let failure): failure.description
        case .wrongType(let typ):
            "the JWS 'typ' is \(typ.map { "'\($0.prefix(40))'" } ?? "missing"), not a GNAP access token"
        case .missingKeyID: "the JWS names no 'kid'"
        case .unknownKeyID(let kid): "the JWS 'kid' '\(kid.prefix(64))' is not a key of the authorization server"
        case .malformedClaims(let detail): "the token's claims are not usable: \(detail)"
        case .wrongIssuer: "the token was not issued by the trusted authorization server"
        case .wrongAudience: "the token is meant for another resource server"
        case .expired: "the token has expired"
        case .notYetValid: "the token is not valid yet"
        }
    }
}

extension AccessTokenClaims {
    /// The claims as an introspection would describe the token (RFC 9767 §3.3), so an RS handles a verified
    /// structured token exactly like an introspected one.
    public func introspected() -> IntrospectedToken {
        let key: BoundKey? = cnf.map { cnf in
            if let jwk = cnf.jwk {
                .value(ClientKeyValue(proof: cnf.proof ?? .httpsig, jwk: jwk))
            } else {
                .reference(cnf.jkt ?? "")
            }
        }
        return IntrospectedToken(
            access: access, key: key, flags: flags, exp: exp, iat: iat, nbf: nbf, aud: aud, sub: sub, iss: iss,
            instanceID: clientID, label: label, jti: jti, format: TokenFormat.jwtSigned)
    }
}
