/// Runs a `TerminalProgram` on a `TerminalDriver`: renders, turns input into messages, applies
/// `update`, performs effects concurrently as child tasks (their messages come back into the
/// loop), sends ticks from an injected clock, and returns the final state once `shouldQuit`.
///
/// Everything happens in structured concurrency: one task group holds the input reader, the
/// ticker and the effects; the loop itself processes one event at a time, in arrival order. When
/// the program quits, effects still running are cancelled. The runner never calls
/// `driver.restore()`: whoever set the terminal up tears it down (see `CursesTerminal.run`).
public struct ProgramRunner<Program: TerminalProgram, ProgramClock: Clock>: Sendable
where ProgramClock.Duration == Duration {
    /// Performs one effect; returns the message to feed back, if any.
    public typealias EffectHandler = @Sendable (Program.Effect) async -> Program.Message?

    /// The program.
    public let program: Program
    /// Where it is drawn.
    public let driver: any TerminalDriver
    /// The clock of ticks (a manual clock in tests).
    public let clock: ProgramClock
    /// Behaviour settings.
    public let configuration: RunnerConfiguration
    /// Performs effects.
    public let effectHandler: EffectHandler

    /// Creates a runner.
    public init(
        program: Program,
        driver: any TerminalDriver,
        clock: ProgramClock,
        configuration: RunnerConfiguration = RunnerConfiguration(),
        effectHandler: @escaping EffectHandler
    ) {
        self.program = program
        self.driver = driver
        self.clock = clock
        self.configuration = configuration
        self.effectHandler = effectHandler
    }

    private enum Event: Sendable {
        case key(Key)
        case message(Program.Message)
        case tick(Duration)
        case inputFailed(any Error)
    }

    /// Runs until the program quits and returns its final state.
    /// - Parameter initialEffects: effects to start right away (e.g. a first load).
    /// - Throws: what the driver's `nextKey` throws, or `CancellationError` if the calling task is
    ///   cancelled.
    public func run(_ initialState: Program.State, initialEffects: [Program.Effect] = []) async throws
        -> Program.State
    {
        let (events, continuation) = AsyncStream<Event>.makeStream()
        defer { continuation.finish() }
        let startSize = await driver.size
        return try await withThrowingDiscardingTaskGroup { group in
            var loop = Loop(runner: self, state: initialState, size: startSize)
            defer { group.cancelAll() }
            group.addTask { await readInput(into: continuation) }
            if let interval = program.tickInterval, interval > .zero {
                let start = clock.now
                group.addTask { await tick(every: interval, from: start, into: continuation) }
            }
            func perform(_ effects: [Program.Effect]) {
                for effect in effects {
                    group.addTask {
                        if let message = await effectHandler(effect) { continuation.yield(.message(message)) }
                    }
                }
            }
            perform(initialEffects)
            if program.shouldQuit(loop.state) { return loop.state }
            await loop.render(force: true)
            for await event in events {
                try Task.checkCancellation()
                switch event {
                case .key(let key):
                    guard let message = loop.accept(key) else { break }
                    perform(program.update(&loop.state, message))
                case .message(let message):
                    perform(program.update(&loop.state, message))
                case .tick(let elapsed):
                    guard let message = program.tickMessage(elapsed: elapsed, in: loop.state) else { break }
                    perform(program.update(&loop.state, message))
                case .inputFailed(let error):
                    throw error
                }
                if program.shouldQuit(loop.state) { break }
                await loop.render(force: false)
            }
            try Task.checkCancellation()
            return loop.state
        }
    }

    private func readInput(into continuation: AsyncStream<Event>.Continuation) async {
        do {
            while !Task.isCancelled {
                if let key = try await driver.nextKey(timeout: configuration.inputPollTimeout) {
                    continuation.yield(.key(key))
                }
            }
        } catch is CancellationError {
            return
        } catch {
            continuation.yield(.inputFailed(error))
        }
    }

    private func tick(
        every interval: Duration,
        from start: ProgramClock.Instant,
        into continuation: AsyncStream<Event>.Continuation
    ) async {
        var deadline = start.advanced(by: interval)
        while !Task.isCancelled {
            do {
                try await clock.sleep(until: deadline, tolerance: nil)
            } catch {
                return  // cancelled: the run is over
            }
            let now = clock.now
            continuation.yield(.tick(start.duration(to: now)))
            repeat { deadline = deadline.advanced(by: interval) } while deadline <= now  // skip missed ticks
        }
    }

    /// The mutable part of a run: state, size and what was last presented (its render key).
    private struct Loop {
        let runner: ProgramRunner
        var state: Program.State
        var size: Size
        var presentedKey: Program.RenderKey?
        var presentedSize: Size?

        init(runner: ProgramRunner, state: Program.State, size: Size) {
            self.runner = runner
            self.state = state
            self.size = size
        }

        var isTooSmall: Bool { !size.covers(runner.configuration.minimumSize) }

        /// Handles resizes and the too-small filter; returns the message for the key, if any.
        mutating func accept(_ key: Key) -> Program.Message? {
            if case .resize(let newSize) = key {
                size = newSize
            } else if isTooSmall, !runner.configuration.keysAllowedWhenTooSmall.contains(key) {
                return nil
            }
            return runner.program.message(for: key, in: state)
        }

        /// Presents a new frame when the state (its render key) or the size changed since the last one.
        mutating func render(force: Bool) async {
            let key = runner.program.renderKey(state)
            guard force || presentedKey != key || presentedSize != size else { return }
            let canvas =
                isTooSmall
                ? runner.configuration.tooSmallCanvas(size: size)
                : runner.program.view(state, size: size)
            await runner.driver.present(canvas)
            presentedKey = key
            presentedSize = size
        }
    }
}

extension ProgramRunner where ProgramClock == ContinuousClock {
    /// Creates a runner whose ticks follow the real (continuous) clock.
    public init(
        program: Program,
        driver: any TerminalDriver,
        configuration: RunnerConfiguration = RunnerConfiguration(),
        effectHandler: @escaping EffectHandler
    ) {
        self.init(
            program: program, driver: driver, clock: ContinuousClock(), configuration: configuration,
            effectHandler: effectHandler)
    }
}
