import GNAP
import HTTPMessageSignatures
import Logging

/// What every handler shares: the store, the configuration, the clock and the public URL.
struct ASServices: Sendable {
    let store: any GrantStore
    let configuration: ServerConfiguration
    let clock: AnyWallClock
    let publicURL: PublicURL
    let replayCache: any NonceReplayCache
    let logger: Logger
    /// User-code brute-force limits (per device and AS-wide).
    let codeAttempts: CodeAttemptGuard
    /// Sends `push` interaction finishes (RFC 9635 §4.2.2).
    let pushTransport: any FinishPushTransport

    var grantEndpoint: String { publicURL.base + "/gnap" }
    func continuationURI(grantID: String) -> String { publicURL.base + "/gnap/continue/" + grantID }
    var userCodePage: String { publicURL.base + "/device" }
    func tokenManagementURI(tokenID: String) -> String { publicURL.base + "/gnap/token/" + tokenID }

    /// Refuses a signature whose (key, nonce) pair was seen while it could still be accepted (RFC 9421 §7.2.2;
    /// RFC 9635 §7.3.1: a nonce, when present, must be unique). `required` makes a missing nonce an error too.
    func checkReplay(
        keyID: String, _ verified: VerifiedSignature, profile: SignatureProfile, code: GNAPError.Code
    ) async throws(APIError) {
        guard let nonce = verified.parameters.nonce, !nonce.isEmpty else { return }
        let now = clock.now
        let created = verified.parameters.created ?? now.unixSeconds
        let expiresAt = created + profile.maximumAge + 2 * profile.allowedClockSkew + 1
        switch await replayCache.record(keyID: keyID, nonce: nonce, expiresAt: expiresAt, now: now.unixSeconds) {
        case .fresh: return
        case .replayed:
            throw APIError(.conflict, GNAPError(code, "this signed request was already received (nonce reused)"))
        case .full:
            throw APIError(.serviceUnavailable, GNAPError(.requestDenied, "too many requests in flight; retry"))
        }
    }

    /// The keyed-hash pepper for user codes, created on first use and kept in the store.
    func userCodePepper() async throws -> [UInt8] {
        try await store.secret(named: "user-code-pepper") { Secrets.randomBytes() }
    }
}
