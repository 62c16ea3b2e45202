/// How a `ProgramRunner` behaves; every parameter has a default.
public struct RunnerConfiguration: Sendable {
    /// Below this size the runner shows "Terminal too small: need WxH, have wxh" instead of the view,
    /// and ignores input except resizes and `keysAllowedWhenTooSmall`. Default 60x18.
    public var minimumSize: Size
    /// Keys still delivered to the program while the terminal is too small (so the user can quit
    /// without enlarging it). Default: Ctrl-C.
    public var keysAllowedWhenTooSmall: Set<Key>
    /// How long one `nextKey` call may wait; it bounds how quickly input polling notices
    /// cancellation. Default 100 ms.
    public var inputPollTimeout: Duration

    /// Creates a configuration.
    public init(
        minimumSize: Size = Size(width: 60, height: 18),
        keysAllowedWhenTooSmall: Set<Key> = [.ctrl("c")],
        inputPollTimeout: Duration = .milliseconds(100)
    ) {
        self.minimumSize = minimumSize
        self.keysAllowedWhenTooSmall = keysAllowedWhenTooSmall
        self.inputPollTimeout = inputPollTimeout
    }

    /// The frame shown when the terminal is smaller than `minimumSize`.
    public func tooSmallCanvas(size: Size) -> Canvas {
        var canvas = Canvas(size: size)
        let message = "Terminal too small: need \(minimumSize), have \(size)"
        let paragraph = Paragraph(message, style: .warning, alignment: .center)
        let height = paragraph.height(width: size.width)
        let area = canvas.bounds.centered(Size(width: size.width, height: height))
        canvas.draw(paragraph, in: area)
        return canvas
    }
}
