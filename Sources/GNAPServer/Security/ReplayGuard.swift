import GNAP
import HTTPMessageSignatures

/// Refuses a signature whose (key, nonce) pair was seen while it could still be accepted (RFC 9421 §7.2.2;
/// RFC 9635 §7.3.1: a nonce, when present, must be unique). One per AS, shared by every signature check.
struct ReplayGuard: Sendable {
    let cache: any NonceReplayCache
    let clock: AnyWallClock

    func check(
        keyID: String, _ verified: VerifiedSignature, profile: SignatureProfile, code: GNAPError.Code
    ) async throws(APIError) {
        guard let nonce = verified.parameters.nonce, !nonce.isEmpty else { return }
        let now = clock.now
        let created = verified.parameters.created ?? now.unixSeconds
        let expiresAt = created + profile.maximumAge + 2 * profile.allowedClockSkew + 1
        switch await cache.record(keyID: keyID, nonce: nonce, expiresAt: expiresAt, now: now.unixSeconds) {
        case .fresh: return
        case .replayed:
            throw APIError(.conflict, GNAPError(code, "this signed request was already received (nonce reused)"))
        case .full:
            throw APIError(.serviceUnavailable, GNAPError(.requestDenied, "too many requests in flight; retry"))
        }
    }
}
