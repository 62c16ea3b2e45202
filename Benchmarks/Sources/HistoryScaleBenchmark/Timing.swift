import Foundation

/// Wall-clock timing of a store call, repeated; the median and the worst run, in milliseconds.
enum Timing {
    static func measure(runs: Int, _ body: () async throws -> Int) async rethrows -> (
        median: Double, max: Double, rows: Int
    ) {
        var times: [Double] = []
        var rows = 0
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now
            rows = try await body()
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
        }
        times.sort()
        return (times[times.count / 2], times.last ?? 0, rows)
    }

    static func line(_ label: String, _ result: (median: Double, max: Double, rows: Int)) -> String {
        "RESULT \(label) median_ms=\(format(result.median)) max_ms=\(format(result.max)) rows=\(result.rows)"
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }

    /// The bytes of an SQLite file and its WAL.
    static func fileBytes(_ path: String) -> Int {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue
            return total + (size ?? 0)
        }
    }
}
