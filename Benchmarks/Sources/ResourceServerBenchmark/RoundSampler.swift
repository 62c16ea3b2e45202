/// Times the three operations in interleaved rounds with `ContinuousClock`, like SignatureBenchmarks' sampler: a
/// warm-up sizes each batch to about `batchTarget`; every round runs one batch of each operation in a rotated order,
/// so load from other jobs hits all of them alike and each full/bare ratio compares batches that ran moments apart.
/// The full check needs freshly signed requests: each round signs its batch's requests first, untimed.
struct RoundSampler {
    var warmUp: Duration
    var batchTarget: Duration
    var rounds: Int

    enum Operation: Int, CaseIterable {
        case fullCheck, profileVerify, bareVerify

        var name: String {
            switch self {
            case .fullCheck: "RS check (cached introspection)"
            case .profileVerify: "httpsig profile verify only"
            case .bareVerify: "bare Ed25519 verify"
            }
        }
    }

    /// Nanoseconds per operation, one sample per round, indexed by `Operation.rawValue`.
    func sample(_ fixture: RequestCheckFixture, progress: (String) -> Void) throws -> [[Double]] {
        var sizes: [Int] = []
        for operation in Operation.allCases {
            progress("warming up: \(operation.name)")
            sizes.append(try calibrate(operation, fixture))
        }
        var samples = Array(repeating: [Double](), count: Operation.allCases.count)
        for round in 0..<rounds {
            progress("round \(round + 1)/\(rounds)")
            var order = Operation.allCases.map(\.rawValue)
            order = Array(order[(round % order.count)...] + order[..<(round % order.count)])
            if round % 2 == 1 { order.reverse() }
            for index in order {
                let operation = Operation(rawValue: index)!
                let elapsed = try time(operation, iterations: sizes[index], fixture)
                samples[index].append(nanoseconds(elapsed) / Double(sizes[index]))
            }
        }
        return samples
    }

    private func calibrate(_ operation: Operation, _ fixture: RequestCheckFixture) throws -> Int {
        var iterations = 64
        var elapsed = Duration.zero
        var total = Duration.zero
        while total < warmUp {
            elapsed = try time(operation, iterations: iterations, fixture)
            total += elapsed
            if elapsed < batchTarget / 4 { iterations *= 2 }
        }
        let perIteration = nanoseconds(elapsed) / Double(iterations)
        return max(1, Int((nanoseconds(batchTarget) / perIteration).rounded()))
    }

    private func time(_ operation: Operation, iterations: Int, _ fixture: RequestCheckFixture) throws -> Duration {
        let clock = ContinuousClock()
        var sink = 0
        let start: ContinuousClock.Instant
        switch operation {
        case .fullCheck:
            let requests = try fixture.signedRequests(iterations)
            start = clock.now
            for request in requests { sink &+= fixture.checkFromCache(request) }
        case .profileVerify:
            let requests = try fixture.signedRequests(iterations)
            start = clock.now
            for request in requests { sink &+= fixture.verifyOnly(request) }
        case .bareVerify:
            start = clock.now
            for _ in 0..<iterations { sink &+= fixture.bareVerify() }
        }
        let elapsed = start.duration(to: clock.now)
        precondition(sink == iterations, "every operation must succeed")
        return elapsed
    }
}

func nanoseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
}
