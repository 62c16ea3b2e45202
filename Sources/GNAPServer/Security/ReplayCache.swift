import GNAP

/// Remembers (key, nonce) pairs for as long as a signature carrying them could still be accepted, so a captured
/// request cannot be replayed (RFC 9421 §7.2.2): approver calls (nonce mandatory) and client calls that carry a
/// nonce (RFC 9635 §7.3.1). Keys are device ids and client key thumbprints, which cannot collide in practice.
/// Bounded: when full of unexpired entries it fails closed.
actor ReplayCache {
    private var entries: [String: WallInstant] = [:]
    private let capacity: Int

    init(capacity: Int = 100_000) { self.capacity = capacity }

    enum Outcome: Equatable {
        case fresh
        case replayed
        case full
    }

    /// Records the nonce if unseen; `expiresAt` is when signatures made with it stop being accepted anyway.
    func check(keyID: String, nonce: String, expiresAt: WallInstant, now: WallInstant) -> Outcome {
        let key = keyID + "\u{0}" + nonce
        if let expiry = entries[key], expiry > now { return .replayed }
        if entries.count >= capacity {
            entries = entries.filter { $0.value > now }
            if entries.count >= capacity { return .full }
        }
        entries[key] = expiresAt
        return .fresh
    }
}
