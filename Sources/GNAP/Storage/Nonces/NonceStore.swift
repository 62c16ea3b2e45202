/// The nonces of accepted request signatures (RFC 9421 §7.2.2; RFC 9635 §7.3.1: a nonce, when present, must be
/// unique), kept in the AS's database so that every instance on it, and the same instance after a restart, refuses
/// a signed request another already accepted. A nonce is recorded only once its signature verified.
///
/// Live nonces are bounded per key (``NonceRecording/keyOverLimit``), never AS-wide, so one key that signs many
/// requests cannot crowd out another; each recording is one statement whose cost does not grow with the table.
public protocol NonceStore: Sendable {
    /// In one statement: records `nonce` for `key` (a key thumbprint or an approver device id) until `expiresAt`,
    /// unless it is recorded already and unexpired at `now` (``NonceRecording/replayed``) or `key` has
    /// `perKeyLimit` unexpired nonces (``NonceRecording/keyOverLimit``). An expired entry of the same pair is
    /// replaced. Concurrent recordings for one key may pass the limit by the number that race.
    func recordNonce(_ nonce: String, key: String, expiresAt: WallInstant, now: WallInstant, perKeyLimit: Int)
        async throws -> NonceRecording
    /// Deletes at most `limit` entries that expired at or before `now`; returns how many.
    func purgeExpiredNonces(at now: WallInstant, limit: Int) async throws -> Int
}

/// The outcome of ``NonceStore/recordNonce(_:key:expiresAt:now:perKeyLimit:)``.
public enum NonceRecording: Sendable, Hashable {
    case recorded
    /// The pair is recorded and unexpired: the request is a replay.
    case replayed
    /// The key has as many unexpired nonces as it may have; nothing was recorded.
    case keyOverLimit
}
