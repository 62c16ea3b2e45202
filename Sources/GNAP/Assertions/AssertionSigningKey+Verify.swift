import Foundation
import HTTPMessageSignatures

extension AssertionSigningKey {
    /// Checks an `id_token` a client presents back in `user.assertions` (§2.4): it must be one this AS issued (its
    /// signature verifies with this key, `iss` is this AS). As §2.4 allows for an AS acting as the identity provider,
    /// the audience is not checked: the token only names the user, who must still approve in person. The caller checks
    /// the expiry against its clock.
    public func verifyIDToken(_ token: String, issuer: String) throws(CompactJWS.Failure) -> IDTokenClaims {
        let parts = try CompactJWS.verify(token, keys: [publicJWK])
        let claims: IDTokenClaims
        do {
            claims = try JSONDecoder().decode(IDTokenClaims.self, from: Data(parts.payload))
        } catch {
            throw .malformed("the payload is not an ID Token")
        }
        guard claims.iss == issuer, !claims.sub.isEmpty else { throw .malformed("the ID Token is not from this AS") }
        return claims
    }
}
