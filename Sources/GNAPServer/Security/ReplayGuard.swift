import GNAP
import HTTPMessageSignatures

/// Refuses a signature whose (key, nonce) pair was accepted before while it could still be accepted (RFC 9421
/// §7.2.2; RFC 9635 §7.3.1: a nonce, when present, must be unique). The pairs live in the database (``NonceStore``),
/// so a request replayed to another instance, or after a restart, is refused too. It is called only once the
/// signature verified, so nothing is remembered of a request that was not authenticated. Each key may have
/// ``ReplayPolicy/noncesPerKey`` live nonces: a key over it is refused (429) without affecting any other key.
struct ReplayGuard: Sendable {
    let nonces: any NonceStore
    let policy: ReplayPolicy
    let clock: AnyWallClock

    /// - Parameter key: the signing key's thumbprint, or the approver device it is enrolled as.
    func check(
        key: String, _ verified: VerifiedSignature, profile: SignatureProfile, code: GNAPError.Code
    ) async throws(APIError) {
        guard let nonce = verified.parameters.nonce, !nonce.isEmpty else { return }
        let now = clock.now
        let window = profile.maximumAge + 2 * profile.allowedClockSkew + 1
        let created = verified.parameters.created ?? now.unixSeconds
        let recording: NonceRecording
        do {
            recording = try await nonces.recordNonce(
                nonce, key: key, expiresAt: WallInstant(unixSeconds: created + window), now: now,
                perKeyLimit: policy.noncesPerKey)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not check the nonce"))
        }
        switch recording {
        case .recorded: return
        case .replayed:
            throw APIError(.conflict, GNAPError(code, "this signed request was already received (nonce reused)"))
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
