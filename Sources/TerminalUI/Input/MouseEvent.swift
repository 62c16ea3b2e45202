/// A mouse event at a cell.
public struct MouseEvent: Hashable, Sendable {
    /// Which button.
    public enum Button: Hashable, Sendable {
        case left
        case middle
        case right
        case scrollUp
        case scrollDown
        /// Motion or an event the terminal did not attribute to a button.
        case none
    }

    /// What happened.
    public enum Kind: Hashable, Sendable {
        case press
        case release
        case click
        case doubleClick
    }

    /// The cell under the pointer.
    public var position: Point
    /// The button.
    public var button: Button
    /// What happened.
    public var kind: Kind

    /// Creates a mouse event.
    public init(position: Point, button: Button = .left, kind: Kind = .press) {
        self.position = position
        self.button = button
        self.kind = kind
    }

    /// True for a press or click of the left button, the events that activate widgets.
    public var isPrimaryClick: Bool {
        button == .left && (kind == .press || kind == .click || kind == .doubleClick)
    }
}
