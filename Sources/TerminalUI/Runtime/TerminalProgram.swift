/// A pure terminal program in the Elm architecture: state, messages that update it, effects that
/// the runner performs outside, and a view that draws the state. Nothing here does I/O.
public protocol TerminalProgram: Sendable {
    /// Everything the screen shows. `Equatable` lets the runner skip redraws when nothing changed.
    associatedtype State: Sendable & Equatable
    /// Something that happened: a command from a key, a result of an effect, a tick.
    associatedtype Message: Sendable
    /// Work for the outside world (a network call, a database write), performed by the runner's
    /// effect handler; its result comes back as a message.
    associatedtype Effect: Sendable
    /// What decides whether a new frame is needed: by default the state itself. A program with a
    /// large state returns something small that changes whenever the state does (a revision
    /// counter), so the runner neither keeps a copy of the state (which would make the next
    /// `update` copy it on write) nor compares two of them.
    associatedtype RenderKey: Sendable & Equatable = State

    /// The render key of `state`.
    func renderKey(_ state: State) -> RenderKey

    /// Applies `message` to `state` and returns the effects to perform.
    func update(_ state: inout State, _ message: Message) -> [Effect]

    /// Draws `state` on a canvas of `size`.
    func view(_ state: State, size: Size) -> Canvas

    /// The message for an input event (usually through a `Keymap`), or nil to ignore it.
    func message(for key: Key, in state: State) -> Message?

    /// True when the program is done; the runner then returns the final state.
    func shouldQuit(_ state: State) -> Bool

    /// How often the runner sends `tickMessage`; nil (the default) for never.
    var tickInterval: Duration? { get }

    /// The message for a tick; `elapsed` is the time since the runner started, read from its clock.
    /// The default sends nothing.
    func tickMessage(elapsed: Duration, in state: State) -> Message?
}

extension TerminalProgram where RenderKey == State {
    /// The state itself.
    public func renderKey(_ state: State) -> State { state }
}

extension TerminalProgram {
    /// No ticks.
    public var tickInterval: Duration? { nil }

    /// No tick message.
    public func tickMessage(elapsed: Duration, in state: State) -> Message? { nil }
}
