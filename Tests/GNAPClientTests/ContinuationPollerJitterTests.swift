import GNAP
import GNAPClient
import Testing

@Suite("Continuation poller: jitter stays under the cap")
struct ContinuationPollerJitterTests {
    @Test func jitterNeverPushesABackoffPastTheCap() {
        let clock = ManualClock()
        var poller = ContinuationPoller(
            clock: clock,
            continue: ContinueResponse(
                uri: "https://as.example/continue/g", wait: 5, accessToken: TokenValue(value: "t")),
            deadline: clock.now.advanced(by: .seconds(3600)), jitter: { $0 * 1.2 })
        var delays: [Int64] = []
        for _ in 0..<6 {
            guard case .pollAt(let next) = poller.event(.failure(.transport("connection refused"))) else {
                Issue.record("a transient failure must be retried")
                return
            }
            delays.append(clock.now.duration(to: next).components.seconds)
        }
        #expect(delays == [12, 24, 48, 60, 60, 60])
        // A 5xx answer (an AS restarting behind a proxy) is transient too.
        let unavailable = poller.event(.failure(.server(status: 503, error: GNAPError(.requestDenied))))
        #expect(unavailable == .pollAt(clock.now.advanced(by: .seconds(60))))
    }
}
