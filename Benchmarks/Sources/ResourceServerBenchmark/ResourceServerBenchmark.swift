import Foundation

/// An RS request check with a cached introspection (signature check, token lookup, replay cache, rights check)
/// against the bare Ed25519 verification of the same signature, in the same run (docs/performance.md).
///
/// The check is `ResourceServerGate.authorizeFromCache`, which is what `authorize` runs and returns when the
/// introspection is cached; everything here is synchronous, so no Swift concurrency runs (it hangs under valgrind
/// 3.19, which the `--callgrind` mode needs).
///
///     ResourceServerBenchmark [--rounds N] [--batch-ms M] [--warmup-ms W]
///     ResourceServerBenchmark --callgrind full|profile|bare [--iterations N]
@main
struct ResourceServerBenchmark {
    static func main() {
        // Many short batches: on a shared machine a 2 ms batch is rarely preempted, and the median of 400
        // per-round ratios ignores the ones that are (20 ms batches under load gave IQRs of 1.0–1.8).
        var rounds = 400
        var batch = 2
        var warmUp = 300
        var iterations = 200
        var callgrind: String?
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            if argument == "--callgrind", let operation = arguments.popFirst() {
                callgrind = operation
                continue
            }
            guard let value = arguments.popFirst().flatMap(Int.init), value > 0,
                ["--rounds", "--batch-ms", "--warmup-ms", "--iterations"].contains(argument)
            else {
                FileHandle.standardError.write(
                    Data(
                        ("usage: ResourceServerBenchmark [--rounds N] [--batch-ms M] [--warmup-ms W]\n"
                            + "       ResourceServerBenchmark --callgrind full|profile|bare [--iterations N]\n").utf8))
                exit(2)
            }
            switch argument {
            case "--rounds": rounds = value
            case "--batch-ms": batch = value
            case "--iterations": iterations = value
            default: warmUp = value
            }
        }
        do {
            let fixture = try RequestCheckFixture()
            if let callgrind {
                let done = try fixture.runCallgrind(callgrind, iterations: iterations)
                print("\(callgrind): \(done) of \(iterations) iterations")
                return
            }
            let sampler = RoundSampler(
                warmUp: .milliseconds(warmUp), batchTarget: .milliseconds(batch), rounds: rounds)
            let samples = try sampler.sample(fixture) { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
            report(samples, fixture: fixture, rounds: rounds, batch: batch, warmUp: warmUp)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    static func report(_ samples: [[Double]], fixture: RequestCheckFixture, rounds: Int, batch: Int, warmUp: Int) {
        #if DEBUG
            let build = "debug (numbers are meaningless: use -c release)"
        #else
            let build = "release"
        #endif
        print("build: \(build); \(ProcessInfo.processInfo.activeProcessorCount) logical cores")
        print(
            "signature base: \(fixture.base.count) bytes; \(rounds) rounds of ~\(batch) ms batches after \(warmUp) ms "
                + "warm-up; medians over rounds; introspection calls during the run: \(fixture.introspector.calls) (the token was "
                + "remembered before the run)")
        print("")
        print("| operation | median µs | IQR µs |")
        print("|---|---:|---:|")
        for operation in RoundSampler.Operation.allCases {
            let sorted = samples[operation.rawValue].sorted()
            print(
                "| \(operation.name) | \(format(quantile(sorted, 0.5) / 1000)) | "
                    + "\(format(quantile(sorted, 0.25) / 1000))–\(format(quantile(sorted, 0.75) / 1000)) |")
        }
        let bare = samples[RoundSampler.Operation.bareVerify.rawValue]
        for operation in [RoundSampler.Operation.fullCheck, .profileVerify] {
            let ratios = zip(samples[operation.rawValue], bare).map { $0 / $1 }.sorted()
            print(
                "\n\(operation.name) / bare Ed25519 verify: \(format(quantile(ratios, 0.5), digits: 3)) "
                    + "(IQR \(format(quantile(ratios, 0.25), digits: 3))–\(format(quantile(ratios, 0.75), digits: 3)), "
                    + "min \(format(ratios.first ?? 0, digits: 3)), max \(format(ratios.last ?? 0, digits: 3)))")
        }
        let full = zip(samples[RoundSampler.Operation.fullCheck.rawValue], bare).map { $0 / $1 }.sorted()
        let median = quantile(full, 0.5)
        print("\nTarget (RS check ≤ 1.3 × bare Ed25519 verify): \(median <= 1.3 ? "met" : "NOT met")")
    }

    static func quantile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }

    static func format(_ value: Double, digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
}
