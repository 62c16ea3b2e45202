import Foundation
import GNAP
import GRDB
import TerminalStorage

/// The approver's local history with `count` decisions: filled in bulk through SQLite (the store's own triggers
/// index every row), then listed and searched through `LocalDatabase`, as `gnapterm history` and the app do.
struct DecisionHistoryScale {
    let directory: URL
    let count: Int
    let runs: Int

    /// Words and how often they occur, so that searches of known selectivity can be timed: "kiosk" in 25 % of the
    /// decisions, "printer" in 6 %, "zebra" in 0.01 %.
    static func client(_ index: Int, _ random: inout SplitMix64) -> String {
        let draw = random.next() % 10_000
        if draw < 2_500 { return "Door Kiosk \(index % 97)" }
        if draw < 3_100 { return "Photo Printer \(index % 89)" }
        if draw < 3_101 { return "Zebra Crossing Sign" }
        return ["Calendar Sync", "Smart TV", "Thermostat", "Car Charger", "Music Box", "Weather Station"][
            Int(random.next() % 6)]
    }

    func run() async throws {
        let home = directory.appendingPathComponent("home")
        _ = try LocalDatabase.open(directory: home)
        let path = home.appendingPathComponent(LocalDatabase.fileName).path
        let fillStart = ContinuousClock.now
        try fill(path: path)
        print("decision history: \(count) decisions filled in \(ContinuousClock.now - fillStart)")
        let bytes = Timing.fileBytes(path)
        print("RESULT history-size decisions=\(count) bytes=\(bytes) bytes_per_decision=\(bytes / max(1, count))")

        let openStart = ContinuousClock.now
        let store = try LocalDatabase.open(directory: home)
        let opened = ContinuousClock.now - openStart
        print(
            "RESULT history-open ms=\(Timing.format(Double(opened.components.attoseconds) / 1e15 + Double(opened.components.seconds) * 1e3))"
        )
        for limit in [20, 200] {
            print(
                Timing.line(
                    "history-list-\(limit)",
                    try await Timing.measure(runs: runs) {
                        try await store.decisions(limit: limit).count
                    }))
        }
        for (word, share) in [
            ("kiosk", "25pct"), ("printer", "6pct"), ("zebra", "0.01pct"), ("door kiosk", "25pct-2words"),
        ] {
            for limit in [20, 200] {
                let label = "history-search-\(share)-\(limit)"
                print(
                    Timing.line(
                        label,
                        try await Timing.measure(runs: runs) {
                            try await store.searchDecisions(matching: word, limit: limit).count
                        }))
            }
        }
        print(
            Timing.line(
                "history-search-none-20",
                try await Timing.measure(runs: runs) {
                    try await store.searchDecisions(matching: "nowhere", limit: 20).count
                }))
    }

    /// Inserts the decisions in transactions of 50,000, oldest first, one to three seconds apart.
    private func fill(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        var random = SplitMix64(seed: 42)
        var decidedAt: Int64 = 1_700_000_000_000
        var index = 0
        while index < count {
            try queue.inTransaction { db in
                let statement = try db.makeStatement(
                    sql: """
                        INSERT INTO decisions (id, decided_at, server, grant_id, client_name, client_uri,
                            key_thumbprint, decision, granted_rights, withheld_rights, released_subject, reason)
                        VALUES (?, ?, 'https://as.example', ?, ?, NULL, ?, ?, ?, ?, ?, ?)
                        """)
                for _ in 0..<min(50_000, count - index) {
                    decidedAt += Int64(1_000 + random.next() % 2_000)
                    let denied = random.next() % 5 == 0
                    let rights = [#"["Photos: read"]"#, #"["Photos: read","Photos: write"]"#, #"["Calendar: read"]"#][
                        Int(random.next() % 3)]
                    try statement.execute(arguments: [
                        String(format: "d%09d", index), decidedAt, "grant-\(random.next() % 1_000_000_000)",
                        Self.client(index, &random), "tp-\(random.next() % 1_000)", denied ? "denied" : "approved",
                        denied ? "[]" : rights, denied ? rights : "[]", denied ? "[]" : #"["opaque"]"#,
                        denied ? "I did not start this request" : nil,
                    ])
                    index += 1
                }
                return .commit
            }
        }
    }
}

/// A fixed-seed generator, so every run fills the same rows.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
