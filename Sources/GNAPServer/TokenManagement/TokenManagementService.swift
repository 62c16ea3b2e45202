import GNAP
import HTTPMessageSignatures

/// The token management API (RFC 9635 §6): rotate an access token's value (§6.1), bind it to a new key while
/// rotating (§6.1.1, with `gnap-rotate` signatures, §7.3.1.1), and revoke it (§6.2).
struct TokenManagementService: Sendable {
    let grants: any GrantStore
    /// A bearer token is managed with its client instance's current key.
    let clients: any ClientInstanceStore
    let proof: ClientProof
    /// Lifetime of a rotated token (`expires_in`).
    let accessTokenLifetime: Duration
    /// Whether tokens may be bound to a new key (§6.1.1; §9 `key_rotation_supported` says the same).
    let allowsKeyRotation: Bool
    /// Makes the new value in the token's format (RFC 9767 §2.2).
    let minter: TokenMinter
    let publicURL: PublicURL
    let clock: AnyWallClock

    func rotate(tokenID: String, _ signed: SignedRequest) async throws(APIError) -> GrantResponse {
        let token = try await authorize(tokenID: tokenID, signed, code: .invalidRotation)
        let newKey: ClientKeyBinding?
        if !signed.body.isEmpty {
            newKey = try await verifyKeyRotation(token: token, signed)
        } else {
            try await proof.verify(signed, key: try await boundKey(token))
            newKey = nil
        }
        let management = Secrets.token()
        let minter = minter
        let now = clock.now
        let lifetime = accessTokenLifetime
        let manageURI = publicURL.tokenManagementURI(tokenID: tokenID)
        let presentedHash = Secrets.hash(signed.gnapToken ?? "")
        // §3.2.1 `key`: present when the token is bound to a key other than the one the client presents for its
        // grant, which is the case after binding a new key here.
        let grant = try? await grants.grant(id: token.grantID)
        let grantKey = grant?.clientKey
        do {
            return try await grants.updateAccessToken(id: tokenID) { record in
                // Re-check inside the transaction: a concurrent rotation may have replaced the management token.
                guard record.managementTokenHash == presentedHash, record.revokedAt == nil else {
                    return GrantMutation(GrantResponse(error: Self.unknownToken))
                }
                // §6.1: a new value with a new expiration; the old value stops working because only the new hash is
                // kept. The management token is rotated too, so a captured one is short-lived.
                record.managementTokenHash = Secrets.hash(management)
                record.expiresAt = now.advanced(by: lifetime)
                if let newKey { record.boundKey = newKey }
                let value = try minter.mint(&record, format: record.format, instanceID: grant?.instanceID)
                let detail =
                    newKey.map { "token \(tokenID) rotated and bound to key \($0.thumbprint)" }
                    ?? "token \(tokenID) rotated"
                var rotated = TokenIssuer.response(
                    for: record, value: value, management: management, manageURI: manageURI, now: now)
                if let bound = record.boundKey, bound.thumbprint != grantKey?.thumbprint {
                    rotated.key = ClientKeyValue(proof: bound.proof, jwk: bound.jwk)
                }
                return GrantMutation(
                    GrantResponse(accessToken: .single(rotated)),
                    audit: [AuditEvent(grantID: record.grantID, at: now, kind: .tokenRotated, detail: detail)])
            }.throwingError()
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not rotate the token"))
        }
    }

    /// §6.2: revocation answers 204 even for a token that already expired or was revoked.
    func revoke(tokenID: String, _ signed: SignedRequest) async throws(APIError) {
        let token = try await authorize(tokenID: tokenID, signed, code: .invalidRequest)
        try await proof.verify(signed, key: try await boundKey(token))
        let now = clock.now
        do {
            try await grants.updateAccessToken(id: tokenID) { record in
                guard record.revokedAt == nil else { return GrantMutation(()) }
                record.revokedAt = now
                return GrantMutation(
                    (),
                    audit: [
                        AuditEvent(
                            grantID: record.grantID, at: now, kind: .tokenRevoked, detail: "revoked by the client")
                    ])
            }
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not revoke the token"))
        }
    }

    static let unknownTokenDescription = "no active access token matches this management URI and management token"
    static let unknownToken = GNAPError(.invalidRotation, unknownTokenDescription)

    // MARK: Checks

    /// The management token (§3.2.1) must match the token this URI names. `code` is the error code of the
    /// operation (`invalid_rotation` for rotation, §6.1; revocation has none of its own).
    private func authorize(tokenID: String, _ signed: SignedRequest, code: GNAPError.Code) async throws(APIError)
        -> AccessTokenRecord
    {
        guard let presented = signed.gnapToken else {
            throw APIError(.unauthorized, GNAPError(code, "present the management token as 'Authorization: GNAP …'"))
        }
        let token: AccessTokenRecord?
        do {
            token = try await grants.accessToken(id: tokenID)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the token"))
        }
        guard let token, let stored = token.managementTokenHash, Secrets.matches(presented, storedHash: stored) else {
            throw APIError(.unauthorized, GNAPError(code, Self.unknownTokenDescription))
        }
        // A revoked token stays revoked (§6.2); revoking it again is still a success.
        if token.revokedAt != nil && code == .invalidRotation {
            throw APIError(.unauthorized, GNAPError(code, Self.unknownTokenDescription))
        }
        return token
    }

    private func boundKey(_ token: AccessTokenRecord) async throws(APIError) -> ClientKeyBinding {
        if let key = token.boundKey { return key }
        // A bearer token is managed by the client instance that got it (§6.2), with its current key.
        guard let grant = try? await grants.grant(id: token.grantID) else {
            throw APIError(.unauthorized, Self.unknownToken)
        }
        let instance = try? await clients.clientInstance(id: grant.instanceID)
        return instance?.key ?? grant.clientKey
    }

    /// §6.1.1: the new key by value, same proof method and parameters, proven together with the old key.
    private func verifyKeyRotation(token: AccessTokenRecord, _ signed: SignedRequest) async throws(APIError)
        -> ClientKeyBinding
    {
        guard token.boundKey != nil, !token.isBearer else {
            throw APIError(GNAPError(.invalidRotation, "a bearer token has no key to rotate"))
        }
        // §9 `key_rotation_supported` is derived from the same policy value.
        guard allowsKeyRotation else {
            throw APIError(GNAPError(.keyRotationNotSupported, "this AS does not bind tokens to new keys"))
        }
        return try await proof.verifyRotation(signed, currentKey: try await boundKey(token))
    }
}
