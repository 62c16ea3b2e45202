import Foundation
import GNAP
import TerminalApps
import TerminalUI

/// The inbox opening as `gnapterm approve --watch` opens it: the snapshot from the AS, the pane's model loaded from
/// it, and the first frame drawn (the terminal's own output is not included).
struct OpenInbox {
    let setup: InboxSetup
    let app = ApproverApp(identity: "benchmark", timeZone: TimeZone(identifier: "UTC")!)
    let size = Size(width: 120, height: 40)

    struct Measured {
        var total: [Duration] = []
        var fetch: [Duration] = []
        var render: [Duration] = []
        /// Decoding a snapshot of the same size on the approver's side (the JSON alone, no HTTP).
        var decode: [Duration] = []
        var items = 0
        var bytes = 0
    }

    func measure(runs: Int) async throws -> Measured {
        var result = Measured()
        for run in 0..<(runs + 2) {
            let clock = ContinuousClock()
            let start = clock.now
            let snapshot = try await setup.interaction.inbox()
            let fetched = clock.now
            var state = ApproverState(now: WallClock().now, size: size, hint: nil)
            _ = InboxOptions(watch: true).prepare(&state)
            _ = app.update(&state, .inbox(.connected(.success(snapshot))))
            let frame = VirtualTerminal.renderText(app.view(state, size: size))
            let end = clock.now
            guard frame.contains("Benchmark agent") else { throw BenchmarkError("the inbox frame shows no request") }
            result.items = snapshot.items.count
            // The first two runs warm the connection and the caches up.
            if run >= 2 {
                result.total.append(end - start)
                result.fetch.append(fetched - start)
                result.render.append(end - fetched)
                let bytes = try GNAPJSON.encode(snapshot)
                let decodeStart = clock.now
                _ = try GNAPJSON.decode(InboxSnapshot.self, from: bytes)
                result.decode.append(clock.now - decodeStart)
                result.bytes = bytes.count
            }
        }
        return result
    }
}
