import TerminalUI

/// A tiny program exercising every runner feature: keys through a keymap, an effect whose result
/// comes back as a message, ticks, and quitting.
struct DemoProgram: TerminalProgram {
    struct State: Equatable, Sendable {
        var count = 0
        var fetched: String?
        var ticks = 0
        var lastElapsed: Duration = .zero
        var quitting = false
        var size: Size?
        var lastClick: Point?
    }

    enum Command: Hashable, Sendable {
        case increment, fetch, quit
    }

    enum Message: Sendable {
        case command(Command)
        case fetched(String)
        case tick(Duration)
        case resized(Size)
        case clicked(Point)
    }

    enum Effect: Sendable, Equatable {
        case fetch(Int)
    }

    let keymap = Keymap<Command>([
        .init([.character("+"), .up], .increment, help: "Count one more"),
        .init([.character("f")], .fetch, help: "Fetch"),
        .init([.character("q"), .ctrl("c")], .quit, help: "Quit"),
    ])

    var tickInterval: Duration?

    func update(_ state: inout State, _ message: Message) -> [Effect] {
        switch message {
        case .command(.increment):
            state.count += 1
        case .command(.fetch):
            return [.fetch(state.count)]
        case .command(.quit):
            state.quitting = true
        case .fetched(let value):
            state.fetched = value
        case .tick(let elapsed):
            state.ticks += 1
            state.lastElapsed = elapsed
        case .resized(let size):
            state.size = size
        case .clicked(let point):
            state.lastClick = point
        }
        return []
    }

    func view(_ state: State, size: Size) -> Canvas {
        var canvas = Canvas(size: size)
        canvas.put("count: \(state.count)", at: Point(x: 0, y: 0))
        canvas.put("fetched: \(state.fetched ?? "-")", at: Point(x: 0, y: 1))
        canvas.put("ticks: \(state.ticks) at \(state.lastElapsed)", at: Point(x: 0, y: 2))
        if let click = state.lastClick { canvas.put("click: \(click)", at: Point(x: 0, y: 3)) }
        return canvas
    }

    func message(for key: Key, in state: State) -> Message? {
        switch key {
        case .resize(let size): return .resized(size)
        case .mouse(let event): return .clicked(event.position)
        default: return keymap.command(for: key).map(Message.command)
        }
    }

    func shouldQuit(_ state: State) -> Bool { state.quitting }

    func tickMessage(elapsed: Duration, in state: State) -> Message? { .tick(elapsed) }
}
