import GNAP
import HTTPMessageSignatures

extension ReplayGuard {
    /// Refuses a JWS proof seen before while it could still be accepted (its ``ProofReplay`` value, one per signing
    /// act, recorded under the key like an httpsig nonce; RFC 9635 §7.3.3: "replay protection" as for httpsig).
    func check(keyID: String, _ proof: ProofReplay, code: GNAPError.Code) async throws(APIError) {
        let window = max(1, proof.expiresAt - clock.now.unixSeconds)
        try await record(
            "jws:" + proof.value, keyID: keyID, expiresAt: WallInstant(unixSeconds: proof.expiresAt), window: window,
            code: code, replayed: "this JWS proof was already received (a replayed request)")
    }
}
