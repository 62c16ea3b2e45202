import ASBackendTestSupport
import GNAP
import Testing

/// Code-entry limits counted in the database: the same answers as the in-memory state machine
/// (`CodeAttemptLimiter`, the reference), for every instance at once, and no overshoot under concurrency.
@Suite("Code-entry attempts, on every backend")
struct CodeAttemptStoreTests {
    let clock = ManualClock()
    let policy = CodeAttemptPolicy(
        perDeviceLimit: 3, perDeviceWindow: .seconds(300), asWideLimit: 7,
        asWideWindow: .seconds(60))

    /// A long pseudo-random run of attempts by a few devices, some right, some wrong, with time passing: the store
    /// admits, refuses (with the same wait) and counts what remains exactly as the reference does.
    @Test(arguments: TestBackend.allCases)
    func theStoreDecidesAsTheReferenceStateMachine(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            var reference = CodeAttemptLimiter(policy: policy, clock: clock)
            var random = SplitMix(seed: 20_261_207)
            var refusals = 0
            for step in 0..<160 {
                let device = "d\(random.next() % 4)"
                let failed = random.next() % 3 != 0
                let expected = reference.event(.attempt(device: device))
                let admission = try await test.store.beginCodeAttempt(device: device, at: clock.now, policy: policy)
                switch (expected, admission) {
                case (.proceed(let referenceTicket), .admitted(let ticket)):
                    let left = try await test.store.settleCodeAttempt(
                        ticket, failed: failed, at: clock.now, policy: policy)
                    #expect(reference.event(.settled(referenceTicket, failed: failed)) == .remaining(left), "\(step)")
                case (.refuse(let referenceRefusal), .refused(let refusal)):
                    #expect(refusal == referenceRefusal, "step \(step)")
                    refusals += 1
                default:
                    Issue.record("step \(step): reference \(expected), store \(admission)")
                }
                clock.advance(by: .milliseconds(Int64(random.next() % 9_000)))
            }
            // The run exercised both limits.
            #expect(refusals > 10)
        }
    }

    /// Guesses racing on two instances for one device: exactly the device's limit is admitted.
    @Test(arguments: TestBackend.allCases)
    func racingGuessesOnTwoInstancesCannotOvershoot(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let other = try await test.reopen()
            let (now, policy) = (clock.now, policy)
            let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<12 {
                    let store = index.isMultiple(of: 2) ? test.store : other.store
                    group.addTask {
                        if case .admitted = try await store.beginCodeAttempt(device: "d1", at: now, policy: policy) {
                            return true
                        }
                        return false
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(admitted == policy.perDeviceLimit)
            await other.close()
        }
    }

    @Test(arguments: TestBackend.allCases)
    func oldAttemptsArePurged(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            for device in ["a", "b", "c"] {
                _ = try await test.store.beginCodeAttempt(device: device, at: clock.now, policy: policy)
            }
            clock.advance(by: .seconds(301))
            _ = try await test.store.beginCodeAttempt(device: "d", at: clock.now, policy: policy)
            let cutoff = clock.now.advanced(by: .seconds(-300))
            #expect(try await test.store.purgeCodeAttempts(before: cutoff, limit: 2) == 2)
            #expect(try await test.store.purgeCodeAttempts(before: cutoff, limit: 2) == 1)
            #expect(try await test.store.tableCounts()[.codeAttempts] == 1)
        }
    }
}

/// A small deterministic generator, so a failing run can be repeated.
struct SplitMix {
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
