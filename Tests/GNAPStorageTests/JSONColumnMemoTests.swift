import GNAP
import Testing

@testable import GNAPStorage

/// Decoded grant records are remembered by their stored text only: what comes back is what decoding that text gives,
/// a changed row (another text) is decoded afresh, and the memo forgets its oldest entries.
@Suite("AS database: decoded grant records by stored text")
struct JSONColumnMemoTests {
    @Test func aRememberedRecordIsWhatDecodingItsTextGives() throws {
        let clock = ManualClock()
        let instance = try Fixtures.instance(at: clock.now)
        let memo = JSONColumnMemo<GrantRecord>(capacity: 8, what: "grant")
        let grant = Fixtures.grant(instance: instance, clock: clock)
        let text = try memo.encode(grant)
        #expect(try JSONColumn.decode(GrantRecord.self, text, what: "grant") == grant)
        #expect(try memo.decode(text) == grant)
        #expect(try memo.decode(text) == (try JSONColumn.decode(GrantRecord.self, text, what: "grant")))

        // Another process changed the row: its text differs, so the stored record is decoded, not the remembered one.
        var changed = grant
        changed.continuationTokenHash = "another"
        let changedText = try JSONColumn.encode(changed)
        #expect(try memo.decode(changedText) == changed)
        #expect(try memo.decode(text) == grant)
        #expect(throws: StorageError.self) { try memo.decode("{\"not\": \"a grant\"}") }
    }

    @Test func theOldestEntriesAreForgotten() throws {
        let clock = ManualClock()
        let instance = try Fixtures.instance(at: clock.now)
        let memo = JSONColumnMemo<GrantRecord>(capacity: 3, what: "grant")
        let grants = (0..<5).map { _ in Fixtures.grant(instance: instance, clock: clock) }
        let texts = try grants.map { try memo.encode($0) }
        #expect(memo.count == 3)
        #expect(!memo.remembers(texts[0]) && !memo.remembers(texts[1]))
        #expect(memo.remembers(texts[2]) && memo.remembers(texts[3]) && memo.remembers(texts[4]))
        for (grant, text) in zip(grants, texts) { #expect(try memo.decode(text) == grant) }
        #expect(memo.count == 3)
    }
}

/// The stores read through the memos and still answer what is stored.
@Suite("AS database: rows read through the memos")
struct JSONColumnMemoStoreTests {
    @Test func aClientKeyRowRebindsThroughTheMemo() async throws {
        let clock = ManualClock()
        let database = try ASDatabase.inMemory()
        let instance = try Fixtures.instance(at: clock.now)
        try await database.insertClientInstance(instance)
        #expect(try await database.clientInstance(thumbprint: instance.key.thumbprint)?.key == instance.key)
        #expect(try await database.clientInstance(thumbprint: instance.key.thumbprint)?.key == instance.key)
        // A new key for the same instance: the row's text changes, and the read answers the new key.
        let rotated = try Fixtures.clientKey()
        try await database.rotateClientInstanceKey(id: instance.id, to: rotated, audit: [])
        #expect(try await database.clientInstance(id: instance.id)?.key == rotated)
        #expect(try await database.clientInstance(thumbprint: instance.key.thumbprint) == nil)
    }

    @Test func anUpdatedGrantIsReadAsUpdated() async throws {
        let clock = ManualClock()
        let database = try ASDatabase.inMemory()
        let instance = try Fixtures.instance(at: clock.now)
        try await database.insertClientInstance(instance)
        let grant = Fixtures.grant(instance: instance, clock: clock)
        try await database.insertGrant(grant, audit: [])
        #expect(try await database.grant(id: grant.id) == grant)
        let hash = try await database.updateGrant(id: grant.id) { record in
            record.continuationTokenHash = "rotated"
            return GrantMutation(record.continuationTokenHash)
        }
        #expect(hash == "rotated")
        #expect(try await database.grant(id: grant.id)?.continuationTokenHash == "rotated")
    }
}
