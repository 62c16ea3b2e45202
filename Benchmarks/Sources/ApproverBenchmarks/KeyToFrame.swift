import Foundation
import GNAP
import TerminalApps
import TerminalUI

/// Key-to-frame latency: for each key of a review session, the time from the key to the next frame being ready
/// (`message(for:)`, `update`, `view`, and the diff against the previous frame that a driver writing only changed
/// cells performs), and how many cells changed. Terminal output itself is not included.
struct KeyToFrame {
    struct Sample {
        var key: String
        var nanoseconds: Double
        var changedCells: Int
    }

    let size: Size
    let app = ApproverApp(identity: BenchmarkBackend().identityDescription, timeZone: TimeZone(identifier: "UTC")!)

    /// The keys of one pass over the review: move, toggle, help, confirm and back, deny dialog and back.
    static let keys: [(String, Key)] = [
        ("j", .character("j")), ("j", .character("j")), ("space", .space), ("j", .character("j")),
        ("space", .space), ("k", .character("k")), ("space", .space), ("pgdn", .pageDown), ("pgup", .pageUp),
        ("?", .character("?")), ("esc", .escape), ("a", .character("a")), ("n", .character("n")),
        ("d", .character("d")), ("down", .down), ("esc", .escape), ("tab", .tab), ("tab", .tab),
    ]

    /// A state showing the review.
    func reviewing() -> ApproverState {
        var state = ApproverState(now: BenchmarkBackend.now, size: size)
        state.screen = .loading(.openingInteraction("x"))
        _ = app.update(&state, .codeLookedUp(.success(BenchmarkBackend.review)))
        return state
    }

    /// `passes` passes over `keys`; the first pass warms up and is dropped.
    func run(passes: Int) -> [Sample] {
        var samples: [Sample] = []
        for pass in 0...passes {
            var state = reviewing()
            var previous: Canvas? = app.view(state, size: size)
            for (name, key) in Self.keys {
                let start = ContinuousClock.now
                if let message = app.message(for: key, in: state) { _ = app.update(&state, message) }
                let frame = app.view(state, size: size)
                let changed = FrameDiff.changedCells(from: previous, to: frame)
                let elapsed = ContinuousClock.now - start
                previous = frame
                if pass > 0 {
                    samples.append(
                        Sample(
                            key: name,
                            nanoseconds: Double(elapsed.components.attoseconds) / 1e9
                                + Double(elapsed.components.seconds) * 1e9,
                            changedCells: changed))
                }
            }
        }
        return samples
    }

    /// Cells changed by one countdown tick on the review (the clock moves a second).
    func cellsPerTick() -> Int {
        var state = reviewing()
        let before = app.view(state, size: size)
        _ = app.update(&state, .tick(.seconds(1)))
        return FrameDiff.changedCells(from: before, to: app.view(state, size: size))
    }
}
