import Foundation
import GNAP
import GNAPStorage
import Synchronization
import Testing

/// Decision 70: the AS reads its SQLite database on the calling thread. That is safe only while no read holds a reader
/// connection across a suspension, that is, while no code reads this database with GRDB's `async` read.
@Suite("AS database: reads on the calling thread")
struct ReadsOnTheCallingThreadTests {
    let clock = ManualClock()

    /// Many more concurrent readers and writers than the pool has reader connections and the concurrency pool has
    /// threads, on a file database (a WAL pool, as the AS opens it): every call returns. With one `async` read among
    /// them the concurrency pool deadlocks (tried: it does), and then no test time limit can fire, since it needs that
    /// pool; a watchdog on a thread of its own stops the test process instead.
    @Test func manyConcurrentReadsAndWritesAllFinish() async throws {
        let finished = Flag()
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) {
            if !finished.isSet {
                fatalError("ReadsOnTheCallingThreadTests: 400 reads and writes did not finish in 60 s (deadlocked?)")
            }
        }
        defer { finished.set() }
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try ASDatabase.open(directory: directory)
        let clock = clock
        let instances = try (0..<8).map { _ in try Fixtures.instance(at: clock.now) }
        for instance in instances { try await database.insertClientInstance(instance) }
        let found = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<400 {
                let instance = instances[index % instances.count]
                group.addTask {
                    if index % 4 == 0 {
                        try await database.insertGrant(
                            Fixtures.grant(instance: instance, clock: clock, userCodeHash: nil), audit: [])
                    }
                    let byKey = try await database.clientInstance(thumbprint: instance.key.thumbprint)
                    let byID = try await database.clientInstance(id: instance.id)
                    return byKey?.id == instance.id && byID?.key == instance.key ? 1 : 0
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(found == 400)
        #expect(try await database.tableCounts()[.grants] == 100)
    }

    /// The rule itself, in the sources: every read of the AS store goes through `ASDatabase.read`.
    @Test func noCodeReadsTheASDatabaseAsynchronously() throws {
        let storage = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/GNAPStorage/AS")
        let files = try FileManager.default.contentsOfDirectory(atPath: storage.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 10)
        var offending: [String] = []
        for file in files {
            let text = try String(contentsOf: storage.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1).first.map(String.init) ?? ""
                let readsAsync =
                    code.contains("await") && code.range(of: #"\.read\s*[({]"#, options: .regularExpression) != nil
                let readsDirectly = file != "ASDatabase.swift" && code.contains("writer.read")
                if readsAsync || readsDirectly || code.contains("asyncRead") {
                    offending.append("\(file):\(number + 1): \(line)")
                }
            }
        }
        #expect(offending.isEmpty, "reads outside ASDatabase.read: \(offending)")
    }
}

/// A flag set once, read from any thread.
private final class Flag: Sendable {
    private let value = Atomic(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() { value.store(true, ordering: .releasing) }
}
