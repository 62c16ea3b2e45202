import GNAP
import Testing

@Suite("Manual clock")
struct ManualClockTests {
    @Test func sleepersWakeOnlyWhenTimeReachesTheirDeadline() async throws {
        let clock = ManualClock()
        let task = Task { try await clock.sleep(for: .seconds(10)) }
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: .seconds(9))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        try await task.value
        #expect(clock.sleeperCount == 0)
    }

    @Test func cancellationWakesASleeper() async {
        let clock = ManualClock()
        let task = Task { try await clock.sleep(for: .seconds(10)) }
        while clock.sleeperCount == 0 { await Task.yield() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func wallInstantConversions() {
        let instant = WallInstant(unixSeconds: 1_618_884_473)
        #expect(instant.iso8601 == "2021-04-20T02:07:53Z")
        #expect(WallInstant(instant.date) == instant)
        #expect(instant.advanced(by: .seconds(7)).unixSeconds == 1_618_884_480)
    }
}
