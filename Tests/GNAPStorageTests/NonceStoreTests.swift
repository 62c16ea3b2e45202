import ASBackendTestSupport
import GNAP
import Testing

/// The replay cache in the database (RFC 9421 §7.2.2): a nonce is accepted once per key while it could be replayed,
/// on any instance and after a restart; each key has its own bound; expired entries are purged in batches.
@Suite("Signature nonces, on every backend")
struct NonceStoreTests {
    let clock = ManualClock()

    func record(_ store: any ASStore, _ nonce: String, key: String = "k1", lifetime: Int64 = 60, limit: Int = 100)
        async throws -> NonceRecording
    {
        try await store.recordNonce(
            nonce, key: key, expiresAt: clock.now.advanced(by: .seconds(lifetime)), now: clock.now, perKeyLimit: limit)
    }

    @Test(arguments: TestBackend.allCases)
    func aNonceIsAcceptedOnceWhileItCouldBeReplayed(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            #expect(try await record(test.store, "n1") == .recorded)
            #expect(try await record(test.store, "n1") == .replayed)
            // The same nonce under another key is another pair.
            #expect(try await record(test.store, "n1", key: "k2") == .recorded)
            // Another instance, and the same database reopened after a restart, refuse it too.
            let other = try await test.reopen()
            #expect(try await record(other.store, "n1") == .replayed)
            await other.close()
            // Once expired it cannot pass a signature check any more, and the entry may be reused.
            clock.advance(by: .seconds(60))
            #expect(try await record(test.store, "n1") == .recorded)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func eachKeyHasItsOwnBound(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { (test: TestStore) async throws in
            for index in 0..<3 { #expect(try await record(test.store, "n\(index)", limit: 3) == .recorded) }
            #expect(try await record(test.store, "n3", limit: 3) == .keyOverLimit)
            // A replay is still called a replay, and another key is not affected by the full one.
            #expect(try await record(test.store, "n0", limit: 3) == .replayed)
            #expect(try await record(test.store, "n3", key: "k2", limit: 3) == .recorded)
            // The refused nonce was not recorded: once the key's entries expire it passes.
            clock.advance(by: .seconds(61))
            #expect(try await record(test.store, "n3", limit: 3) == .recorded)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func expiredEntriesArePurgedInBatches(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            for index in 0..<10 { _ = try await record(test.store, "old\(index)", key: "k\(index % 3)", lifetime: 5) }
            for index in 0..<5 { _ = try await record(test.store, "live\(index)", lifetime: 600) }
            clock.advance(by: .seconds(10))
            var batches: [Int] = []
            while true {
                let purged = try await test.store.purgeExpiredNonces(at: clock.now, limit: 4)
                batches.append(purged)
                if purged < 4 { break }
            }
            #expect(batches == [4, 4, 2])
            #expect(try await test.store.tableCounts()[.signatureNonces] == 5)
            #expect(try await record(test.store, "live0") == .replayed)
        }
    }

    /// Two instances receiving the same signed request at the same moment: exactly one accepts it.
    @Test(arguments: TestBackend.allCases)
    func racingInstancesAcceptANonceOnce(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let other = try await test.reopen()
            for round in 0..<25 {
                async let first = record(test.store, "race\(round)")
                async let second = record(other.store, "race\(round)")
                let outcomes = try await [first, second]
                #expect(outcomes.sorted { "\($0)" < "\($1)" } == [.recorded, .replayed], "round \(round)")
            }
            await other.close()
        }
    }
}
