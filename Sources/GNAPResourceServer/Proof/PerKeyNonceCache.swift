import HTTPMessageSignatures
import Synchronization

/// Remembers the nonces of accepted client signatures per key, so a captured request cannot be replayed
/// (RFC 9635 §7.3.1: the verifier "MUST determine that the nonce value is unique within a reasonably short time
/// period"; RFC 9421 §7.2.2).
///
/// Bounded twice: one key can hold at most `perKeyCapacity` live nonces, so a busy or hostile client fills only
/// its own share and is refused (fail closed) while the others go on; all keys together hold at most `capacity`.
/// Expired nonces are swept only when something is known to have expired, so a full cache does not rescan on every
/// request.
public final class PerKeyNonceCache: NonceReplayCache {
    private struct KeyNonces {
        var expiryByNonce: [String: Int64] = [:]
        /// The earliest expiry among `expiryByNonce`, so a sweep happens only when it can free something.
        var earliestExpiry = Int64.max
    }

    private struct State {
        var keys: [String: KeyNonces] = [:]
        var total = 0
        /// The earliest expiry in the whole cache, known after a full sweep; no sweep before it.
        var nextGlobalSweep = Int64.min
    }

    public let perKeyCapacity: Int
    public let capacity: Int
    private let state = Mutex(State())

    public init(perKeyCapacity: Int, capacity: Int) {
        precondition(perKeyCapacity > 0 && capacity >= perKeyCapacity, "nonce cache bounds")
        self.perKeyCapacity = perKeyCapacity
        self.capacity = capacity
    }

    /// Records `nonce` for `keyID` until `expiresAt` (Unix seconds).
    public func record(keyID: String, nonce: String, expiresAt: Int64, now: Int64) -> ReplayCheck {
        state.withLock { state in
            var entry = state.keys.removeValue(forKey: keyID) ?? KeyNonces()
            defer { if !entry.expiryByNonce.isEmpty { state.keys[keyID] = entry } }
            if let expiry = entry.expiryByNonce[nonce], expiry > now { return .replayed }
            if entry.expiryByNonce.count >= perKeyCapacity {
                state.total -= Self.sweep(&entry, now: now)
                if entry.expiryByNonce.count >= perKeyCapacity { return .full }
            }
            if state.total >= capacity {
                state.total -= Self.sweep(&entry, now: now) + Self.sweepAll(&state, now: now)
                state.nextGlobalSweep = min(state.nextGlobalSweep, entry.earliestExpiry)
                if state.total >= capacity { return .full }
            }
            if entry.expiryByNonce.updateValue(expiresAt, forKey: nonce) == nil { state.total += 1 }
            entry.earliestExpiry = min(entry.earliestExpiry, expiresAt)
            return .fresh
        }
    }

    /// The nonces currently remembered (expired ones leave lazily).
    public var count: Int { state.withLock { $0.total } }

    /// The nonces remembered for one key.
    public func count(forKey keyID: String) -> Int {
        state.withLock { $0.keys[keyID]?.expiryByNonce.count ?? 0 }
    }

    /// Drops the expired nonces of one key; returns how many.
    private static func sweep(_ entry: inout KeyNonces, now: Int64) -> Int {
        guard entry.earliestExpiry <= now else { return 0 }
        let before = entry.expiryByNonce.count
        entry.expiryByNonce = entry.expiryByNonce.filter { $0.value > now }
        entry.earliestExpiry = entry.expiryByNonce.values.min() ?? .max
        return before - entry.expiryByNonce.count
    }

    /// Drops the expired nonces of every key (the caller's key is outside `state.keys` meanwhile).
    private static func sweepAll(_ state: inout State, now: Int64) -> Int {
        guard state.nextGlobalSweep <= now else { return 0 }
        var removed = 0
        var earliest = Int64.max
        for keyID in Array(state.keys.keys) {
            guard var entry = state.keys.removeValue(forKey: keyID) else { continue }
            removed += sweep(&entry, now: now)
            if !entry.expiryByNonce.isEmpty {
                earliest = min(earliest, entry.earliestExpiry)
                state.keys[keyID] = entry
            }
        }
        state.nextGlobalSweep = earliest
        return removed
    }
}
