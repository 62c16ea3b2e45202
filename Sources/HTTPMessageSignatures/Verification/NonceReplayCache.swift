/// Remembers the nonces of accepted signatures so a captured message cannot be replayed (RFC 9421 §7.2.2).
/// Entries only need to live as long as a signature carrying them could still pass the age policy.
public protocol NonceReplayCache: Sendable {
    /// Records `(keyID, nonce)` until `expiresAt` (Unix seconds). Returns ``ReplayCheck/replayed`` if the pair is
    /// already recorded and unexpired.
    func record(keyID: String, nonce: String, expiresAt: Int64, now: Int64) async -> ReplayCheck
}

public enum ReplayCheck: Sendable, Hashable {
    case fresh
    case replayed
    /// The cache cannot take more entries: callers must refuse the message (fail closed).
    case full
}

/// A bounded in-memory ``NonceReplayCache`` for one process.
public actor InMemoryNonceCache: NonceReplayCache {
    private var entries: [String: Int64] = [:]
    private let capacity: Int

    /// - Parameter capacity: most entries kept at once; default 100 000.
    public init(capacity: Int = 100_000) { self.capacity = capacity }

    public func record(keyID: String, nonce: String, expiresAt: Int64, now: Int64) -> ReplayCheck {
        let key = keyID + "\u{0}" + nonce
        if let expiry = entries[key], expiry > now { return .replayed }
        if entries.count >= capacity {
            entries = entries.filter { $0.value > now }
            if entries.count >= capacity { return .full }
        }
        entries[key] = expiresAt
        return .fresh
    }

    /// The number of remembered entries (expired ones are dropped lazily).
    public var count: Int { entries.count }
}

extension MessageVerifier {
    /// Verifies like ``verify(_:policy:key:)`` and then records the verified signature's nonce in `replayCache`,
    /// refusing a nonce seen before. With `requireNonce`, a signature without a nonce is refused.
    public static func verify(
        _ message: HTTPMessage, policy: VerificationPolicy, replayCache: some NonceReplayCache,
        requireNonce: Bool = false, key: (ReceivedSignature) -> VerificationKey?
    ) async -> VerificationResult {
        let result = verify(message, policy: policy, key: key)
        guard case .verified(let verified) = result else { return result }
        let label = verified.label
        guard let nonce = verified.parameters.nonce, !nonce.isEmpty else {
            return requireNonce ? .failed([SignatureFailure(label: label, reason: .missingNonce)]) : result
        }
        // A signature stays acceptable until created + maximum age + skew (or until `expires`).
        let created = verified.parameters.created ?? policy.now
        var lastAccepted = created + (policy.maximumAge ?? 86_400) + 2 * policy.allowedClockSkew
        if let expires = verified.parameters.expires {
            lastAccepted = min(lastAccepted, expires + policy.allowedClockSkew)
        }
        let keyID = verified.parameters.keyID ?? ""
        switch await replayCache.record(keyID: keyID, nonce: nonce, expiresAt: lastAccepted + 1, now: policy.now) {
        case .fresh: return result
        case .replayed: return .failed([SignatureFailure(label: label, reason: .replayedNonce)])
        case .full: return .failed([SignatureFailure(label: label, reason: .replayCacheFull)])
        }
    }
}
