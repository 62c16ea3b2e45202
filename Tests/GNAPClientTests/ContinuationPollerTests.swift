import GNAP
import GNAPClient
import Testing

@Suite("Continuation poller (client state machine)")
struct ContinuationPollerTests {
    let clock = ManualClock()

    func continuation(_ token: String, wait: Int? = 5) -> ContinueResponse {
        ContinueResponse(uri: "https://as.example/continue/g", wait: wait, accessToken: TokenValue(value: token))
    }

    func poller(deadline: Duration = .seconds(600)) -> ContinuationPoller<ManualClock> {
        ContinuationPoller(clock: clock, continue: continuation("t0"), deadline: clock.now.advanced(by: deadline))
    }

    @Test func honoursWaitAndUsesEachNewToken() {
        var poller = poller()
        #expect(poller.firstAction == .pollAt(clock.now.advanced(by: .seconds(5))))
        clock.advance(by: .seconds(5))
        let action = poller.event(.response(GrantResponse(continue: continuation("t1", wait: 7))))
        #expect(action == .pollAt(clock.now.advanced(by: .seconds(7))))
        #expect(poller.current.accessToken.value == "t1")
    }

    @Test func missingWaitMeansFiveSeconds() {
        var poller = poller()
        let action = poller.event(.response(GrantResponse(continue: continuation("t1", wait: nil))))
        #expect(action == .pollAt(clock.now.advanced(by: .seconds(5))))
    }

    @Test func tooFastBacksOffAndTakesTheRotatedToken() {
        var poller = poller()
        let first = poller.event(
            .response(GrantResponse(continue: continuation("t1"), error: GNAPError(.tooFast))))
        #expect(first == .pollAt(clock.now.advanced(by: .seconds(10))))
        #expect(poller.current.accessToken.value == "t1")
        let second = poller.event(.failure(.server(status: 429, error: GNAPError(.tooFast))))
        #expect(second == .pollAt(clock.now.advanced(by: .seconds(20))))
        #expect(poller.current.accessToken.value == "t1")
    }

    @Test func transientFailuresBackOffExponentiallyUpToACap() {
        var poller = poller(deadline: .seconds(3600))
        var delays: [Int64] = []
        for _ in 0..<6 {
            guard case .pollAt(let next) = poller.event(.failure(.transport("connection refused"))) else {
                Issue.record("a transient failure must be retried")
                return
            }
            delays.append(clock.now.duration(to: next).components.seconds)
        }
        #expect(delays == [10, 20, 40, 60, 60, 60])
        // A response resets the backoff.
        _ = poller.event(.response(GrantResponse(continue: continuation("t2"))))
        #expect(poller.event(.failure(.transport("x"))) == .pollAt(clock.now.advanced(by: .seconds(10))))
    }

    @Test func outcomes() {
        var denied = poller()
        #expect(
            denied.event(.failure(.server(status: 403, error: GNAPError(.userDenied))))
                == .denied(GNAPError(.userDenied)))
        var expired = poller()
        #expect(expired.event(.failure(.server(status: 400, error: GNAPError(.invalidInteraction)))) == .expired)
        var granted = poller()
        let response = GrantResponse(accessToken: .single(AccessTokenResponse(value: "v", access: [.reference("x")])))
        #expect(granted.event(.response(response)) == .granted(response))
        var broken = poller()
        #expect(broken.event(.failure(.malformedResponse("x"))) == .failed(.malformedResponse("x")))
        var empty = poller()
        guard case .failed = empty.event(.response(GrantResponse())) else {
            Issue.record("a response with neither tokens nor continue must fail")
            return
        }
    }

    @Test func givesUpAtTheDeadline() {
        var poller = poller(deadline: .seconds(8))
        clock.advance(by: .seconds(5))
        #expect(poller.event(.response(GrantResponse(continue: continuation("t1")))) == .expired)
    }
}
