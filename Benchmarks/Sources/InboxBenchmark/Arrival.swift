import Foundation
import GNAP
import GNAPClient
import TerminalApps
import TerminalUI

/// A new request reaching an open inbox: the AS accepts it (its answer reaches the client), the inbox stream brings
/// it, the pane's update applies it and the next frame shows it. Measured from the client's receipt of the AS's
/// answer (the AS accepted it then, at the latest) and from the send.
struct Arrival {
    let setup: InboxSetup
    let app = ApproverApp(identity: "benchmark", timeZone: TimeZone(identifier: "UTC")!)
    let size = Size(width: 120, height: 40)

    struct Measured {
        var afterAccept: [Duration] = []
        var afterSend: [Duration] = []
    }

    func measure(count: Int) async throws -> Measured {
        let snapshot = try await setup.interaction.inbox()
        var state = ApproverState(now: WallClock().now, size: size, hint: nil)
        _ = InboxOptions(watch: true).prepare(&state)
        _ = app.update(&state, .inbox(.connected(.success(snapshot))))
        let stream = InboxEventStream(interaction: setup.interaction)
        let subscription = try await stream.open(after: snapshot.latestEventID)
        defer { subscription.close() }
        var result = Measured()
        let clock = ContinuousClock()
        for index in 0..<count {
            // A fresh request becomes the newest row: the top of the list, on screen.
            let number = 1_000_000 + index
            let sent = clock.now
            try await setup.ask(number)
            let accepted = clock.now
            var shown = false
            while !shown {
                guard clock.now - accepted < .seconds(10) else {
                    throw BenchmarkError("request \(number) was not on screen 10 s after the AS accepted it")
                }
                let events = try await subscription.nextBatch(limit: 500, window: .milliseconds(5))
                _ = app.update(&state, .inbox(.events(.success(events))))
                let frame = VirtualTerminal.renderText(app.view(state, size: size))
                // The list row names the (self-asserted, so quoted) agent, unique per request.
                shown = frame.contains("“bench-\(number)”")
            }
            let end = clock.now
            result.afterAccept.append(end - accepted)
            result.afterSend.append(end - sent)
            // The selection stays on its request as arrivals push it down (by design), and the list scrolls with it:
            // back to the newest, as a person watching would, so that the next arrival lands on screen.
            _ = app.update(&state, .command(.top))
        }
        return result
    }
}
