import GNAP
import TerminalUI
import Testing

/// A program whose render key is a revision it bumps only for some messages: the runner redraws exactly then.
private struct RevisionProgram: TerminalProgram {
    struct State: Sendable, Equatable {
        var revision = 0
        var hiddenCounter = 0
        var quitting = false
    }

    enum Message: Sendable { case visible, hidden, quit }
    /// This program asks for no effect; a case of its own keeps the runner's effect handler callable.
    enum Effect: Sendable { case none }

    func renderKey(_ state: State) -> Int { state.revision }

    func update(_ state: inout State, _ message: Message) -> [Effect] {
        switch message {
        case .visible: state.revision += 1
        // Changes the state but not its render key: no new frame.
        case .hidden: state.hiddenCounter += 1
        case .quit: state.quitting = true
        }
        return []
    }

    func view(_ state: State, size: Size) -> Canvas {
        var canvas = Canvas(size: size)
        canvas.put("revision \(state.revision) hidden \(state.hiddenCounter)", at: Point(x: 0, y: 0))
        return canvas
    }

    func message(for key: Key, in state: State) -> Message? {
        switch key {
        case .character("v"): .visible
        case .character("h"): .hidden
        case .character("q"): .quit
        default: nil
        }
    }

    func shouldQuit(_ state: State) -> Bool { state.quitting }
}

@Suite struct RenderKeyTests {
    @Test func theRunnerRedrawsWhenTheRenderKeyChangesNotTheState() async throws {
        let terminal = VirtualTerminal(script: [
            .key(.character("h")), .key(.character("v")), .key(.character("h")), .key(.character("q")),
        ])
        let runner = ProgramRunner(
            program: RevisionProgram(), driver: terminal, clock: ManualClock(), effectHandler: { _ in nil })
        let final = try await runner.run(RevisionProgram.State())
        #expect(final.hiddenCounter == 2)
        let frames = await terminal.frames.map(VirtualTerminal.renderText)
        #expect(
            frames.map { $0.split(separator: "\n").first.map(String.init) } == [
                "revision 0 hidden 0", "revision 1 hidden 1",
            ])
    }
}
