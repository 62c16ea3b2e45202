import GNAP
import HTTPMessageSignatures

/// Refuses a proof whose (key, nonce) pair was accepted before while it could still be accepted (RFC 9421 §7.2.2;
/// RFC 9635 §7.3.1: a nonce, when present, must be unique; §7.3.3 and §7.3.4: the same replay protection for JWS
/// proofs, ``check(keyID:_:code:)``). The pairs live in the database (``NonceStore``), so a request replayed to another
/// instance, or after a restart, is refused too. It is called only once the proof verified, so nothing is remembered
/// of a request that was not authenticated. Each key may have ``ReplayPolicy/noncesPerKey`` live nonces: a key over it
/// is refused (429) without affecting any other key.
struct ReplayGuard: Sendable {
    let nonces: any NonceStore
    let policy: ReplayPolicy
    let clock: AnyWallClock

    /// An HTTP message signature's nonce.
    /// - Parameter keyID: the signing key's thumbprint, or the approver device it is enrolled as.
    func check(
        keyID: String, _ verified: VerifiedSignature, profile: SignatureProfile, code: GNAPError.Code
    ) async throws(APIError) {
        guard let nonce = verified.parameters.nonce, !nonce.isEmpty else { return }
        let now = clock.now
        let window = profile.maximumAge + 2 * profile.allowedClockSkew + 1
        let created = verified.parameters.created ?? now.unixSeconds
        try await record(
            nonce, keyID: keyID, expiresAt: WallInstant(unixSeconds: created + window), window: window, code: code,
            replayed: "this signed request was already received (nonce reused)")
    }

    /// Records `nonce` under `keyID` until `expiresAt`; a pair seen before is `code` (409), a key over its share 429.
    func record(
        _ nonce: String, keyID: String, expiresAt: WallInstant, window: Int64, code: GNAPError.Code, replayed: String
    ) async throws(APIError) {
        let recording: NonceRecording
        do {
            recording = try await nonces.recordNonce(
                nonce, key: keyID, expiresAt: expiresAt, now: clock.now, perKeyLimit: policy.noncesPerKey)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not check the nonce"))
        }
        switch recording {
        case .recorded: return
        case .replayed: throw APIError(.conflict, GNAPError(code, replayed))
        case .keyOverLimit:
            throw APIError(
                .tooManyRequests,
                GNAPError(
                    .requestDenied,
                    "this key signed more than \(policy.noncesPerKey) requests within \(window) seconds; "
                        + "retry in \(window) s"),
                headers: [.retryAfter: "\(window)"])
        }
    }
}
