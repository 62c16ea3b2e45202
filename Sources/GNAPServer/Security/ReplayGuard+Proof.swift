import GNAP
import HTTPMessageSignatures

extension ReplayGuard {
    /// Refuses a JWS proof seen before while it could still be accepted (its ``ProofReplay`` value, one per signing
    /// act, recorded under the key like an httpsig nonce; RFC 9635 §7.3.3: "replay protection" as for httpsig).
    func check(keyID: String, _ proof: ProofReplay, code: GNAPError.Code) async throws(APIError) {
        let now = clock.now.unixSeconds
        switch await cache.record(keyID: keyID, nonce: "jws:" + proof.value, expiresAt: proof.expiresAt, now: now) {
        case .fresh: return
        case .replayed:
            throw APIError(.conflict, GNAPError(code, "this JWS proof was already received (a replayed request)"))
        case .full:
            throw APIError(.serviceUnavailable, GNAPError(.requestDenied, "too many requests in flight; retry"))
        }
    }
}
