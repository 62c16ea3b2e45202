import Foundation
import GNAP
import TerminalApps
import TerminalUI

/// The admin watch view under load (docs/performance.md): a snapshot of `--pending` pending grants, then
/// `--rate` audit events per second for `--seconds` seconds of simulated time, delivered in batches every
/// `--batch-ms` (as the event subscription collects them), each batch followed by one frame: `update` with the
/// batch, `update` with the summaries its `grant.created` events fetched, `view`, and the virtual terminal's text
/// rendering. Frame times are wall-clock, per frame; the resident set is read from /proc.
@main
struct AdminWatchBenchmark {
    static func main() throws {
        let options = try BenchmarkOptions(Array(CommandLine.arguments.dropFirst()))
        let app = AdminWatchApp(identity: "admin @ http://127.0.0.1:8080", timeZone: TimeZone(identifier: "UTC")!)
        let start = WallInstant(unixSeconds: 1_767_258_000)
        var feed = SyntheticFeed(start: start, pending: options.pending, seed: 7)
        var state = AdminWatchState(now: start, size: options.size)
        print(
            "CPU: \(Machine.cpuModel), \(ProcessInfo.processInfo.activeProcessorCount) logical cores; build: \(Machine.build)"
        )
        print(
            "Screen \(options.size.width)x\(options.size.height); \(options.pending) pending grants; \(options.rate) events/s "
                + "for \(options.seconds) s in batches every \(options.batchMilliseconds) ms")

        let snapshot = feed.snapshot()
        let load = measure { _ = app.update(&state, .connected(.success(snapshot))) }
        print("Snapshot applied in \(format(load)) (\(state.table.count) rows); RSS \(Machine.residentMegabytes) MB")

        var frames: [Duration] = []
        var renders: [Duration] = []
        let batches = options.seconds * 1000 / options.batchMilliseconds
        let perBatch = options.rate * options.batchMilliseconds / 1000
        var rendered = 0
        // The runner keeps the last frame's render key (the revision) to decide whether to redraw, as here.
        var presented = app.renderKey(state)
        for batch in 0..<batches {
            let now = start.advanced(by: .milliseconds(Int64((batch + 1) * options.batchMilliseconds)))
            let entries = feed.events(count: perBatch, at: now)
            // The network's part (summaries of new grants) is prepared outside the timed frame.
            let summaries = feed.summaries(for: entries)
            let frame = measure {
                state.now = now
                let effects = app.update(&state, .events(.success(entries)))
                for effect in effects {
                    guard case .fetchGrant(let id, let asOf) = effect, let summary = summaries[id] else { continue }
                    _ = app.update(&state, .grantLoaded(id: id, asOf: asOf, .success(summary)))
                }
                let render = measure {
                    let canvas = app.view(state, size: state.size)
                    rendered &+= VirtualTerminal.renderText(canvas).utf8.count
                }
                renders.append(render)
            }
            frames.append(frame)
            if presented != app.renderKey(state) { presented = app.renderKey(state) }
            if batch % 40 == 0 { _ = app.update(&state, .command(.down)) }  // the admin scrolls now and then
        }
        print("Frames: \(frames.count); pending at the end: \(state.table.count); last event \(state.lastEventID ?? 0)")
        report("frame (update + fetched summaries + view + text)", frames)
        report("view + text only", renders)

        func keystroke(_ message: AdminWatchMessage) -> Duration {
            measure {
                _ = app.update(&state, message)
                rendered &+= VirtualTerminal.renderText(app.view(state, size: state.size)).utf8.count
            }
        }
        let sorts = [AdminViewCommand.sort, .sort, .sort, .sort].map { keystroke(.command($0)) }
        report("sort by another column (all rows)", sorts)
        let reverses = (0..<4).map { _ in keystroke(.command(.reverse)) }
        report("reverse the sort", reverses)
        _ = app.update(&state, .command(.filter))
        var filters = "Photo".map { keystroke(.edit(.character($0))) }
        filters += (0..<5).map { _ in keystroke(.edit(.backspace)) }
        report("filter keystroke (typing \"Photo\", then erasing it)", filters)
        print(
            "RSS now \(Machine.residentMegabytes) MB, peak \(Machine.peakResidentMegabytes) MB (\(rendered) bytes rendered)"
        )
    }

    static func measure(_ body: () -> Void) -> Duration {
        let clock = ContinuousClock()
        return clock.measure(body)
    }

    static func report(_ name: String, _ samples: [Duration]) {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return }
        let p50 = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
        print("\(name): p50 \(format(p50)), p99 \(format(p99)), max \(format(sorted.last!))")
    }

    static func format(_ duration: Duration) -> String {
        let milliseconds =
            Double(duration.components.seconds) * 1000
            + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.2f ms", milliseconds)
    }
}
