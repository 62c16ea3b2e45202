import GNAP
import GNAPClient
import TerminalUI

/// Runs the device flow behind the full-screen display: the flow and the `DeviceScreen` program run side by side,
/// progress goes from the flow to the screen through a stream, and whichever ends first ends the other (a final
/// status quits the screen; `q` or Ctrl-C cancels the flow). The caller owns the terminal (see
/// `CursesTerminal.run`, which restores it on every exit path).
enum DeviceFullScreen {
    private enum Finished<Outcome: Sendable>: Sendable {
        case flow(Result<Outcome, any Error>)
        case screen(cancelledByPerson: Bool)
    }

    /// Runs `flow` (which reports through the closure it is given) under the screen on `driver`, with ticks from
    /// `clock`; `status` says how its outcome is shown before the screen closes. Returns the outcome, or nil when the
    /// person gave up; rethrows the flow's error after the screen has closed.
    static func run<C: Clock & Sendable, Outcome: Sendable>(
        on driver: any TerminalDriver, serverURL: String, clock: C,
        status: @escaping @Sendable (Outcome) -> DeviceStatus,
        flow: @escaping @Sendable (_ report: @escaping @Sendable (DeviceProgress) -> Void) async throws -> Outcome
    ) async throws -> Outcome? where C.Instant == WallInstant {
        let (messages, inbox) = AsyncStream<DeviceScreen.Message>.makeStream()
        let program = DeviceScreen(startedAt: clock.now)
        // At most one `awaitProgress` is outstanding at a time, so the stream has one consumer at a time.
        let runner = ProgramRunner(
            program: program, driver: driver, clock: clock, configuration: DeviceScreen.runnerConfiguration
        ) { effect in
            switch effect {
            case .awaitProgress:
                var iterator = messages.makeAsyncIterator()
                return await iterator.next()
            case .copyToClipboard(let text):
                await driver.copyToClipboard(text)
                return nil
            }
        }
        let start = DeviceScreenState(serverURL: serverURL, now: clock.now)
        return try await withThrowingTaskGroup(of: Finished<Outcome>.self) { group in
            group.addTask {
                do {
                    let outcome = try await flow { inbox.yield(.progress($0)) }
                    inbox.yield(.progress(.status(status(outcome))))
                    return .flow(.success(outcome))
                } catch {
                    inbox.yield(.flowEnded)
                    return .flow(.failure(error))
                }
            }
            group.addTask {
                let state = try await runner.run(start, initialEffects: [.awaitProgress])
                return .screen(cancelledByPerson: state.cancelled && !state.status.isFinal)
            }
            var result: Result<Outcome, any Error>?
            var personGaveUp = false
            while let finished = try await group.next() {
                switch finished {
                case .flow(let outcome):
                    result = outcome
                case .screen(let cancelled):
                    // The person gave up: stop the flow (it then ends with a cancellation).
                    if cancelled, result == nil {
                        personGaveUp = true
                        group.cancelAll()
                    }
                }
            }
            inbox.finish()
            if personGaveUp { return nil }
            switch result {
            case .success(let outcome): return outcome
            case .failure(let error): throw error
            case nil: return nil
            }
        }
    }
}
