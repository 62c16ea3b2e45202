import HTTPMessageSignatures
import Testing

@testable import GNAPResourceServer

/// The two bounded structures: the LRU map behind the introspection cache and the per-key nonce cache.
@Suite struct BoundedCacheTests {
    @Test func lruKeepsTheMostRecentlyUsed() {
        var cache = LRUCache<String, Int>(capacity: 3)
        for (index, key) in ["a", "b", "c"].enumerated() { cache.set(index, for: key) }
        #expect(cache.keysByRecency == ["c", "b", "a"])
        #expect(cache.value(for: "a") == 0)
        cache.set(3, for: "d")
        #expect(cache.keysByRecency == ["d", "a", "c"] && cache.value(for: "b") == nil && cache.count == 3)
        cache.set(10, for: "c")
        #expect(cache.keysByRecency == ["c", "d", "a"] && cache.value(for: "c") == 10)
        cache.removeValue(for: "d")
        #expect(cache.keysByRecency == ["c", "a"] && cache.count == 2)
        cache.set(4, for: "e")
        cache.set(5, for: "f")
        #expect(cache.keysByRecency == ["f", "e", "c"])
    }

    @Test func lruAgreesWithASimpleModel() {
        // A fixed pseudo-random workload against an array kept in recency order.
        var cache = LRUCache<Int, Int>(capacity: 8)
        var model: [(key: Int, value: Int)] = []
        var seed: UInt64 = 42
        for step in 0..<5_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let key = Int(seed >> 59)
            switch (seed >> 32) % 3 {
            case 0:
                cache.set(step, for: key)
                model.removeAll { $0.key == key }
                model.insert((key, step), at: 0)
                if model.count > 8 { model.removeLast() }
            case 1:
                let expected = model.firstIndex { $0.key == key }.map { index -> Int in
                    let entry = model.remove(at: index)
                    model.insert(entry, at: 0)
                    return entry.value
                }
                #expect(cache.value(for: key) == expected)
            default:
                cache.removeValue(for: key)
                model.removeAll { $0.key == key }
            }
            #expect(cache.keysByRecency == model.map(\.key))
        }
    }

    @Test func noncesAreRefusedOnReuseUntilTheyExpire() {
        let cache = PerKeyNonceCache(perKeyCapacity: 4, capacity: 16)
        #expect(cache.record(keyID: "k", nonce: "n", expiresAt: 100, now: 0) == .fresh)
        #expect(cache.record(keyID: "k", nonce: "n", expiresAt: 100, now: 50) == .replayed)
        #expect(cache.record(keyID: "other", nonce: "n", expiresAt: 100, now: 50) == .fresh)
        #expect(cache.record(keyID: "k", nonce: "n", expiresAt: 200, now: 100) == .fresh, "expired, so new")
    }

    @Test func oneKeyFillsOnlyItsOwnShare() {
        let cache = PerKeyNonceCache(perKeyCapacity: 3, capacity: 8)
        for index in 0..<3 {
            #expect(cache.record(keyID: "noisy", nonce: "\(index)", expiresAt: 100, now: 0) == .fresh)
        }
        #expect(cache.record(keyID: "noisy", nonce: "x", expiresAt: 100, now: 1) == .full)
        #expect(cache.record(keyID: "quiet", nonce: "x", expiresAt: 100, now: 1) == .fresh)
        #expect(cache.count(forKey: "noisy") == 3 && cache.count == 4)
        // Once its nonces expire, the noisy key has room again.
        #expect(cache.record(keyID: "noisy", nonce: "y", expiresAt: 300, now: 100) == .fresh)
        #expect(cache.count(forKey: "noisy") == 1)
    }

    @Test func allKeysTogetherAreBounded() {
        let cache = PerKeyNonceCache(perKeyCapacity: 2, capacity: 4)
        for key in ["a", "b"] {
            for nonce in ["1", "2"] {
                #expect(cache.record(keyID: key, nonce: nonce, expiresAt: 50 + Int64(key.count), now: 0) == .fresh)
            }
        }
        #expect(cache.record(keyID: "c", nonce: "1", expiresAt: 100, now: 10) == .full)
        #expect(cache.count == 4)
        // After expiry a sweep makes room for everyone.
        #expect(cache.record(keyID: "c", nonce: "1", expiresAt: 200, now: 60) == .fresh)
        #expect(cache.count == 1 && cache.count(forKey: "a") == 0)
    }
}
