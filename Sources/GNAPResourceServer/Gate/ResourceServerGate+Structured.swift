import GNAP
import HTTPMessageSignatures

extension ResourceServerGate {
    /// A `jwt-signed` token checked offline (RFC 9767 §2.2, §5.2): its signature by the AS's key, its type, issuer,
    /// audience and validity. With ``ResourceServerConfiguration/introspectsStructuredTokens`` the AS is asked too,
    /// so a revoked token is refused within the revalidation window; its answer then describes the token.
    func verifyStructured(
        _ presentation: AccessTokenPresentation, keys source: any VerificationKeySource, now: WallInstant,
        challenge: GNAPChallenge
    ) async -> Result<CheckedToken, ResourceServerRefusal> {
        let expectations = StructuredAccessToken.Expectations(
            issuer: configuration.asURI, audiences: configuration.acceptedAudiences,
            allowedClockSkew: configuration.allowedClockSkew)
        var claims: AccessTokenClaims?
        var failure: StructuredTokenFailure?
        for refresh in [false, true] {
            let keys: [JWK]
            do {
                keys = try await source.keys(refresh: refresh)
            } catch {
                return .failure(
                    ResourceServerRefusal(
                        .serviceUnavailable,
                        GNAPError(
                            .temporarilyUnavailable, "the access token cannot be checked right now; try again later"),
                        challenge: nil, logDetail: error.description))
            }
            do {
                claims = try StructuredAccessToken.verify(
                    presentation.token, keys: keys, expecting: expectations, now: now.unixSeconds)
                break
            } catch {
                failure = error
                // Only an unknown key is worth a fresh copy of the key set (the AS may have rotated its key).
                guard case .unknownKeyID = error else { break }
            }
        }
        guard let claims else {
            return .failure(
                unauthorized(
                    .invalidToken, "the access token is not valid: \(failure?.description ?? "it did not verify")",
                    challenge))
        }
        guard configuration.introspectsStructuredTokens else {
            return accept(claims.introspected(), for: presentation, now: now, challenge: challenge)
        }
        return await introspect(presentation, now: now, challenge: challenge)
    }
}
