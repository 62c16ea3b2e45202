/// What as-load.lua's done() printed: wrk's summary and latency distribution, and each thread's own counts.
struct WrkResult: Sendable {
    var completed = 0
    var durationMicroseconds = 0.0
    var p50 = 0.0, p90 = 0.0, p99 = 0.0, maximum = 0.0, mean = 0.0
    var socketErrors = 0
    var timeouts = 0
    var sent = 0
    var received = 0
    var unexpected = 0
    /// Answers per HTTP status over all threads.
    var statuses: [Int: Int] = [:]
    var firstUnexpected: String?

    var nonSuccess: Int { statuses.filter { !(200..<300).contains($0.key) }.values.reduce(0, +) }

    init(parsing output: String) throws {
        var sawSummary = false
        for line in output.split(separator: "\n") where line.hasPrefix("ASLOAD ") {
            var values: [String: String] = [:]
            var text = Substring(line)
            if let range = text.range(of: " first_unexpected=") {
                values["first_unexpected"] = String(text[range.upperBound...])
                text = text[..<range.lowerBound]
            }
            for pair in text.split(separator: " ").dropFirst(2) {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
            }
            let number = { (key: String) in Double(values[key] ?? "") ?? 0 }
            if line.hasPrefix("ASLOAD summary ") {
                sawSummary = true
                completed = Int(number("requests"))
                durationMicroseconds = number("duration_us")
                (p50, p90, p99) = (number("p50_us"), number("p90_us"), number("p99_us"))
                (maximum, mean) = (number("max_us"), number("mean_us"))
                socketErrors = Int(number("connect_errors") + number("read_errors") + number("write_errors"))
                timeouts = Int(number("timeouts"))
            } else if line.hasPrefix("ASLOAD thread ") {
                sent += Int(number("sent"))
                received += Int(number("received"))
                unexpected += Int(number("unexpected"))
                for pair in (values["statuses"] ?? "").split(separator: ",") {
                    let parts = pair.split(separator: ":")
                    if parts.count == 2, let status = Int(parts[0]), let count = Int(parts[1]) {
                        statuses[status, default: 0] += count
                    }
                }
                if firstUnexpected == nil, let first = values["first_unexpected"], !first.isEmpty {
                    firstUnexpected = first
                }
            }
        }
        guard sawSummary else { throw BenchmarkFailure("wrk printed no ASLOAD summary:\n\(output)") }
    }
}

/// One timed scenario's figures.
struct LoadMeasurement: Sendable {
    var name: String
    var unit: String
    var sent: Int
    var wrk: WrkResult
    var asCPUSeconds: Double
    var asUserSeconds: Double
    /// CPU time wrk itself used (it shares the machine's cores with the AS).
    var loaderCPUSeconds: Double
    /// CPU time the PostgreSQL server used (its main process and backends), when the benchmark knows its process.
    var databaseCPUSeconds: Double?
    var loadAverage: (before: Double, after: Double)

    var requestsPerSecond: Double { Double(wrk.completed) / (wrk.durationMicroseconds / 1e6) }
    var cpuMicrosecondsPerRequest: Double { asCPUSeconds * 1e6 / Double(max(1, wrk.completed)) }
    var databaseCPUMicrosecondsPerRequest: Double? {
        databaseCPUSeconds.map { $0 * 1e6 / Double(max(1, wrk.completed)) }
    }

    /// Why this run measured nothing trustworthy, if it did not: lost answers or answers other than the expected.
    var problem: String? {
        if wrk.received != sent || wrk.completed != sent {
            return "\(sent) sent, \(wrk.received) answered (wrk counted \(wrk.completed)); socket errors "
                + "\(wrk.socketErrors), timeouts \(wrk.timeouts)"
        }
        if wrk.unexpected > 0 {
            return "\(wrk.unexpected) of \(sent) answers were not as expected (statuses \(wrk.statuses)); first: "
                + (wrk.firstUnexpected ?? "?")
        }
        return nil
    }
}
