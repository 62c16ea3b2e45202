/// Times operations in batches with `ContinuousClock`, interleaving all operations round by round.
///
/// - Warm-up: each operation first runs for `warmUp` (caches, branch predictors, lazy initialisation, CPU
///   frequency), and its batch size is calibrated so that one batch lasts about `batchTarget`.
/// - Rounds: every round runs one batch of every operation, in an order rotated from round to round. A noise burst
///   on the shared machine then hits all operations alike instead of one of them, and each full/bare ratio is taken
///   between two batches that ran moments apart.
struct Sampler {
    var warmUp: Duration
    var batchTarget: Duration
    var rounds: Int

    /// Per-operation time in nanoseconds, one sample per round, indexed like `operations`.
    func sample(_ operations: [BenchmarkOperation], progress: (String) -> Void) -> [[Double]] {
        var batchSizes: [Int] = []
        for operation in operations {
            progress("warming up \(operation.name)")
            batchSizes.append(calibrate(operation))
        }
        var samples = Array(repeating: [Double](), count: operations.count)
        for round in 0..<rounds {
            progress("round \(round + 1)/\(rounds)")
            // Rotate the order every round, and reverse it every other round, so no operation always runs at the
            // same place or right after the same neighbour.
            let offset = round % operations.count
            var order = Array(offset..<operations.count) + Array(0..<offset)
            if round % 2 == 1 { order.reverse() }
            for index in order {
                let elapsed = timeBatch(operations[index], iterations: batchSizes[index])
                samples[index].append(nanoseconds(elapsed) / Double(batchSizes[index]))
            }
        }
        return samples
    }

    /// Runs the operation for the warm-up time and returns the iteration count that fills one batch.
    private func calibrate(_ operation: BenchmarkOperation) -> Int {
        let clock = ContinuousClock()
        let start = clock.now
        var iterations = 0
        var sink = 0
        while start.duration(to: clock.now) < warmUp {
            sink &+= operation.run()
            iterations += 1
        }
        keepAlive(sink)
        let perIteration = nanoseconds(start.duration(to: clock.now)) / Double(max(iterations, 1))
        return max(1, Int((nanoseconds(batchTarget) / perIteration).rounded()))
    }

    private func timeBatch(_ operation: BenchmarkOperation, iterations: Int) -> Duration {
        let clock = ContinuousClock()
        var sink = 0
        let start = clock.now
        for _ in 0..<iterations { sink &+= operation.run() }
        let elapsed = start.duration(to: clock.now)
        keepAlive(sink)
        return elapsed
    }
}

func nanoseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
}

/// Keeps a result alive: an opaque call the optimizer cannot see through.
@inline(never)
func keepAlive(_ value: Int) {
    if value == Int.min { print("unreachable") }
}
