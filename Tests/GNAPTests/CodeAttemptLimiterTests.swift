import Foundation
import GNAP
import Testing

@Suite("User-code brute-force limits")
struct CodeAttemptLimiterTests {
    let clock = ManualClock()

    func fail(_ limiter: inout CodeAttemptLimiter<ManualClock>, _ device: String) -> CodeAttemptAction {
        guard case .proceed(let ticket) = limiter.event(.attempt(device: device)) else {
            return limiter.event(.attempt(device: device))
        }
        return limiter.event(.settled(ticket, failed: true))
    }

    @Test func aDeviceIsLockedAfterFiveFailuresForTheRestOfTheWindow() {
        var limiter = CodeAttemptLimiter(policy: CodeAttemptPolicy(), clock: clock)
        var left: [Int] = []
        for _ in 0..<5 {
            guard case .remaining(let count) = fail(&limiter, "d1") else {
                Issue.record("an attempt within the limit was refused")
                return
            }
            left.append(count)
            clock.advance(by: .seconds(60))
        }
        #expect(left == [4, 3, 2, 1, 0])
        // The first failure was 5 minutes ago: 10 minutes of the 15-minute window remain.
        #expect(limiter.event(.attempt(device: "d1")) == .refuse(.deviceLocked(retryAfter: .seconds(600))))
        // Another device is not affected.
        #expect(fail(&limiter, "d2") == .remaining(4))
        clock.advance(by: .seconds(600))
        // The oldest failure left the window: one more try.
        #expect(fail(&limiter, "d1") == .remaining(0))
    }

    @Test func aRightCodeDoesNotCount() {
        var limiter = CodeAttemptLimiter(policy: CodeAttemptPolicy(perDeviceLimit: 2), clock: clock)
        for _ in 0..<10 {
            guard case .proceed(let ticket) = limiter.event(.attempt(device: "d1")) else {
                Issue.record("successful entries must not lock a device")
                return
            }
            #expect(limiter.event(.settled(ticket, failed: false)) == .remaining(2))
        }
    }

    @Test func concurrentAttemptsCannotOvershootTheLimit() {
        var limiter = CodeAttemptLimiter(policy: CodeAttemptPolicy(perDeviceLimit: 3), clock: clock)
        var tickets: [CodeAttemptTicket] = []
        for _ in 0..<3 {
            if case .proceed(let ticket) = limiter.event(.attempt(device: "d1")) { tickets.append(ticket) }
        }
        // Three attempts in flight use up the limit before any of them is settled.
        #expect(tickets.count == 3)
        #expect(limiter.event(.attempt(device: "d1")) == .refuse(.deviceLocked(retryAfter: .seconds(900))))
    }

    @Test func theASWideCapRefusesEveryDevice() {
        let policy = CodeAttemptPolicy(perDeviceLimit: 5, asWideLimit: 4, asWideWindow: .seconds(60))
        var limiter = CodeAttemptLimiter(policy: policy, clock: clock)
        for device in ["a", "b", "c", "d"] { _ = fail(&limiter, device) }
        clock.advance(by: .seconds(20))
        #expect(limiter.event(.attempt(device: "fresh")) == .refuse(.asWideLimit(retryAfter: .seconds(40))))
        clock.advance(by: .seconds(40))
        #expect(fail(&limiter, "fresh") == .remaining(4))
    }

    /// An attacker who enrolls a new device for every guess, guessing as fast as the AS answers, over one code's
    /// whole lifetime: the AS-wide cap bounds the guesses, and the bound matches the policy's own arithmetic.
    @Test func rotatingDevicesGainsNothingOverTheASWideCap() {
        let configuration = (lifetime: Duration.seconds(600), policy: CodeAttemptPolicy())
        var limiter = CodeAttemptLimiter(policy: configuration.policy, clock: clock)
        var guesses = 0
        var device = 0
        var elapsed = Duration.zero
        while elapsed < configuration.lifetime {
            device += 1
            if case .proceed(let ticket) = limiter.event(.attempt(device: "attacker-\(device)")) {
                _ = limiter.event(.settled(ticket, failed: true))
                guesses += 1
            }
            clock.advance(by: .milliseconds(100))
            elapsed += .milliseconds(100)
        }
        #expect(guesses <= configuration.policy.maximumFailedGuesses(during: configuration.lifetime))
        #expect(guesses >= configuration.policy.asWideLimit * 10)
    }
}
