import Foundation
import TerminalUI

/// `swift run -c release --package-path Benchmarks ApproverBenchmarks [--runs N] [--passes N]`: cold start to first
/// frame, key-to-frame latency and changed cells per keystroke of the approver app (docs/performance.md).
@main
struct ApproverBenchmarks {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            if arguments.first == "--first-frame-child" {
                try await FirstFrame.child()
                return
            }
            let runs = Int(value(of: "--runs", in: arguments) ?? "") ?? 30
            let passes = Int(value(of: "--passes", in: arguments) ?? "") ?? 200
            report(runs: runs, passes: passes)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    static func value(of option: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: option), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    static func report(runs: Int, passes: Int) {
        #if DEBUG
            print("build: debug (numbers are meaningless: use -c release)")
        #else
            print("build: release")
        #endif
        do {
            let starts = try FirstFrame.measure(runs: runs).sorted()
            print(
                "cold start to first frame (\(runs) runs, ms): median \(format(percentile(starts, 0.5))), "
                    + "p90 \(format(percentile(starts, 0.9))), min \(format(starts.first ?? 0)), "
                    + "max \(format(starts.last ?? 0))")
        } catch {
            print("cold start: \(error)")
        }
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let benchmark = KeyToFrame(size: size)
            let samples = benchmark.run(passes: passes)
            let times = samples.map(\.nanoseconds).sorted()
            let cells = samples.map(\.changedCells)
            let total = size.width * size.height
            print("")
            print(
                "\(size.width)x\(size.height), \(samples.count) keystrokes (\(passes) passes of "
                    + "\(KeyToFrame.keys.count) keys): key to frame median \(format(percentile(times, 0.5) / 1000)) µs, "
                    + "p99 \(format(percentile(times, 0.99) / 1000)) µs, max \(format((times.last ?? 0) / 1000)) µs")
            print(
                "  changed cells per keystroke: mean \(format(Double(cells.reduce(0, +)) / Double(max(1, cells.count)))), "
                    + "max \(cells.max() ?? 0) of \(total); countdown tick: \(benchmark.cellsPerTick()) cells")
            var byKey: [String: [KeyToFrame.Sample]] = [:]
            for sample in samples { byKey[sample.key, default: []].append(sample) }
            print("  | key | median µs | p99 µs | changed cells |")
            print("  |---|---:|---:|---:|")
            for (name, _) in KeyToFrame.keys where byKey[name] != nil {
                let group = byKey.removeValue(forKey: name) ?? []
                let sorted = group.map(\.nanoseconds).sorted()
                let changed = Set(group.map(\.changedCells)).sorted().map(String.init).joined(separator: "/")
                print(
                    "  | \(name) | \(format(percentile(sorted, 0.5) / 1000)) | \(format(percentile(sorted, 0.99) / 1000)) "
                        + "| \(changed) |")
            }
        }
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
