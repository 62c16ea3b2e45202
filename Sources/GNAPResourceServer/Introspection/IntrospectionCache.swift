import Crypto
import GNAP
import Synchronization

/// Introspection results, kept until the token expires but re-checked with the AS after at most
/// `revalidationInterval` (RFC 9767 §5.3: the cache lifetime bounds how long a revoked token still works).
/// Bounded by an ``LRUCache``; keys are SHA-256 digests of the presentation, so the cache holds no token values.
/// Only active tokens are kept: an inactive answer is asked again next time (revocation never turns back, but a
/// token that is not valid yet, `nbf`, may become so).
final class IntrospectionCache: Sendable {
    struct Key: Hashable, Sendable {
        let digest: SHA256Digest

        /// The scheme is part of the key: the AS judges a token differently for a different proof (§3.3).
        init(_ presentation: AccessTokenPresentation) {
            var hasher = SHA256()
            var token: String
            switch presentation {
            case .gnap(let value):
                hasher.update(data: [0x67])
                token = value
            case .bearer(let value):
                hasher.update(data: [0x62])
                token = value
            }
            token.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            digest = hasher.finalize()
        }
    }

    private struct Entry {
        let token: CheckedToken
        /// When the AS must be asked again: the earlier of the revalidation deadline and the token's expiry.
        let usableUntil: WallInstant
    }

    let revalidationInterval: Duration
    private let entries: Mutex<LRUCache<Key, Entry>>

    init(capacity: Int, revalidationInterval: Duration) {
        self.revalidationInterval = revalidationInterval
        entries = Mutex(LRUCache(capacity: capacity))
    }

    /// The cached token if it may still be relied on at `now`; a stale entry is dropped.
    func token(for key: Key, now: WallInstant) -> CheckedToken? {
        entries.withLock { entries in
            guard let entry = entries.value(for: key) else { return nil }
            guard now < entry.usableUntil else {
                entries.removeValue(for: key)
                return nil
            }
            return entry.token
        }
    }

    /// Keeps an active token's introspection checked at `now`.
    func store(_ token: CheckedToken, for key: Key, checkedAt now: WallInstant) {
        var until = now.advanced(by: revalidationInterval)
        if let exp = token.token.exp { until = min(until, WallInstant(unixSeconds: exp)) }
        guard now < until else { return }
        entries.withLock { $0.set(Entry(token: token, usableUntil: until), for: key) }
    }

    func remove(_ key: Key) { entries.withLock { $0.removeValue(for: key) } }

    var count: Int { entries.withLock { $0.count } }
}
