import GNAP
import Synchronization
import TerminalUI
import Testing

@Suite struct ProgramRunnerTests {
    private func runner(
        _ terminal: VirtualTerminal,
        clock: ManualClock = ManualClock(),
        tickInterval: Duration? = nil,
        configuration: RunnerConfiguration = RunnerConfiguration(),
        effects: @escaping @Sendable (DemoProgram.Effect) async -> DemoProgram.Message? = { _ in nil }
    ) -> ProgramRunner<DemoProgram, ManualClock> {
        ProgramRunner(
            program: DemoProgram(tickInterval: tickInterval), driver: terminal, clock: clock,
            configuration: configuration, effectHandler: effects)
    }

    @Test func scriptedKeysUpdateTheScreenAndQuitEndsTheRun() async throws {
        let terminal = VirtualTerminal(script: [.key(.character("+")), .key(.up), .type("++"), .key(.character("q"))])
        let final = try await runner(terminal).run(DemoProgram.State())
        #expect(final.count == 4)
        #expect(final.quitting)
        #expect(await terminal.screenText.hasPrefix("count: 4\nfetched: -"))
        #expect(await terminal.isRestored == false)  // the runner leaves teardown to the caller
    }

    @Test func framesArePresentedOnlyWhenTheStateChanges() async throws {
        let terminal = VirtualTerminal(script: [
            .key(.character("x")), .key(.character("z")),  // unbound: no message, no frame
            .key(.character("+")),
            .key(.character("q")),
        ])
        _ = try await runner(terminal).run(DemoProgram.State())
        let frames = await terminal.frames.map(VirtualTerminal.renderText)
        #expect(frames.count == 2)
        #expect(frames[0].hasPrefix("count: 0"))
        #expect(frames[1].hasPrefix("count: 1"))
    }

    @Test func effectResultsComeBackAsMessages() async throws {
        let performed = Mutex<[DemoProgram.Effect]>([])
        let terminal = VirtualTerminal(script: [
            .key(.character("+")), .key(.character("f")),
            .waitFor("fetched: value for 1"),
            .key(.character("q")),
        ])
        let final = try await runner(terminal) { effect in
            performed.withLock { $0.append(effect) }
            guard case .fetch(let count) = effect else { return nil }
            await Task.yield()
            return .fetched("value for \(count)")
        }.run(DemoProgram.State())
        #expect(final.fetched == "value for 1")
        #expect(performed.withLock { $0 } == [.fetch(1)])
    }

    @Test func initialEffectsRunAtStart() async throws {
        let terminal = VirtualTerminal(script: [.waitFor("fetched: initial"), .key(.character("q"))])
        let final = try await runner(terminal) { _ in .fetched("initial") }
            .run(DemoProgram.State(), initialEffects: [.fetch(0)])
        #expect(final.fetched == "initial")
    }

    @Test func ticksFollowTheInjectedClock() async throws {
        let clock = ManualClock()
        let terminal = VirtualTerminal(script: [
            .waitFor("ticks: 0"),
            .perform { clock.advance(by: .milliseconds(999)) },
            .key(.character("+")),
            .waitFor("count: 1"),
            .perform { clock.advance(by: .milliseconds(1)) },
            .waitFor("ticks: 1 at 1.0 seconds"),
            .perform { clock.advance(by: .seconds(1)) },
            .waitFor("ticks: 2 at 2.0 seconds"),
            .perform { clock.advance(by: .seconds(3)) },  // missed ticks are not replayed in a burst
            .waitFor("ticks: 3 at 5.0 seconds"),
            .key(.character("q")),
        ])
        let final = try await runner(terminal, clock: clock, tickInterval: .seconds(1)).run(DemoProgram.State())
        #expect(final.ticks == 3)
        #expect(final.lastElapsed == .seconds(5))
    }

    @Test func noTicksUnlessTheProgramAsks() async throws {
        let clock = ManualClock()
        let terminal = VirtualTerminal(script: [
            .perform { clock.advance(by: .seconds(10)) },
            .key(.character("+")),
            .waitFor("count: 1"),
            .key(.character("q")),
        ])
        let final = try await runner(terminal, clock: clock).run(DemoProgram.State())
        #expect(final.ticks == 0)
        #expect(clock.sleeperCount == 0)
    }

    @Test func tooSmallTerminalShowsAMessageAndIgnoresKeysUntilResized() async throws {
        let terminal = VirtualTerminal(
            size: Size(width: 50, height: 10),
            script: [
                .key(.character("+")),  // ignored: the user cannot see what it would do
                .resize(Size(width: 80, height: 24)),
                .waitFor("count: 0"),
                .key(.character("+")),
                .resize(Size(width: 59, height: 24)),
                .key(.ctrl("c")),  // still allowed
            ])
        let final = try await runner(terminal).run(DemoProgram.State())
        let frames = await terminal.frames.map(VirtualTerminal.renderText)
        #expect(frames.first?.contains("Terminal too small: need 60x18, have 50x10") == true)
        #expect(frames.last?.contains("Terminal too small: need 60x18, have 59x24") == true)
        #expect(final.count == 1)
        #expect(final.size == Size(width: 59, height: 24))
        #expect(final.quitting)
    }

    @Test func tooSmallMessageIsCentredAndWrapsOnTinyTerminals() {
        let configuration = RunnerConfiguration(minimumSize: Size(width: 60, height: 18))
        let text = VirtualTerminal.renderText(configuration.tooSmallCanvas(size: Size(width: 20, height: 6)))
        #expect(text.contains("Terminal too small:"))
        #expect(text.contains("need 60x18, have"))
        #expect(text.contains("20x6"))
        let styled = VirtualTerminal.renderStyledText(configuration.tooSmallCanvas(size: Size(width: 50, height: 5)))
        #expect(styled.contains("⟦warning⟧Terminal too small: need 60x18, have 50x5"))
    }

    @Test func mouseEventsReachTheProgram() async throws {
        let click = MouseEvent(position: Point(x: 7, y: 3), button: .left, kind: .press)
        let terminal = VirtualTerminal(script: [.key(.mouse(click)), .waitFor("click: (7, 3)"), .key(.character("q"))])
        let final = try await runner(terminal).run(DemoProgram.State())
        #expect(final.lastClick == Point(x: 7, y: 3))
    }

    @Test func aProgramThatNeverQuitsFailsInsteadOfHanging() async throws {
        let terminal = VirtualTerminal(script: [.key(.character("+"))])
        await #expect(throws: VirtualTerminal.ScriptExhausted.self) {
            _ = try await runner(terminal).run(DemoProgram.State())
        }
        let timeout = VirtualTerminal(script: [.waitFor("never shown")], waitTimeout: .milliseconds(20))
        await #expect(throws: VirtualTerminal.WaitTimedOut.self) {
            _ = try await runner(timeout).run(DemoProgram.State())
        }
    }

    @Test func quittingCancelsEffectsStillRunning() async throws {
        let started = Mutex(false)
        let cancelled = Mutex(false)
        let terminal = VirtualTerminal(script: [.key(.character("f")), .key(.character("q"))])
        _ = try await runner(terminal) { _ in
            started.withLock { $0 = true }
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                cancelled.withLock { $0 = true }
            }
            return nil
        }.run(DemoProgram.State())
        #expect(started.withLock { $0 } == cancelled.withLock { $0 })
    }
}
