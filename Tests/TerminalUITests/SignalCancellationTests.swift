import Glibc
import Testing

@testable import TerminalUI

/// Signals become cancellation: the body is cancelled, finishes its clean-up, and the caller learns which signal it
/// was. (SIGHUP is sent to this process; the handlers are installed only while `run` runs.)
@Suite(.serialized) struct SignalCancellationTests {
    @Test func aSignalCancelsTheBodyWhichStillFinishesItsCleanUp() async {
        let outcome = await SignalCancellation.run { () async -> String in
            _ = kill(getpid(), SIGHUP)
            do {
                try await Task.sleep(for: .seconds(30))
                return "not cancelled"
            } catch {
                // Clean-up after the cancellation still runs (and may await).
                await Task.yield()
                return "cleaned up"
            }
        }
        #expect(outcome.value == "cleaned up")
        #expect(outcome.signal == SIGHUP)
    }

    @Test func withoutASignalTheBodyRunsToItsEndAndTheHandlersAreGone() async {
        @Sendable func handler() -> Int {
            var current = sigaction()
            _ = sigaction(SIGTERM, nil, &current)
            return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
        }
        let before = handler()
        let outcome = await SignalCancellation.run { () async -> Int in
            #expect(handler() != before)
            return 42
        }
        #expect(outcome.value == 42)
        #expect(outcome.signal == nil)
        #expect(handler() == before)
    }

    @Test func anInheritedIgnoreIsKept() async {
        let previous = signal(SIGHUP, SIG_IGN)
        defer { _ = signal(SIGHUP, previous) }
        let outcome = await SignalCancellation.run { () async -> Bool in
            _ = kill(getpid(), SIGHUP)
            try? await Task.sleep(for: .milliseconds(100))
            return Task.isCancelled
        }
        #expect(outcome.value == false)
        #expect(outcome.signal == nil)
    }
}
