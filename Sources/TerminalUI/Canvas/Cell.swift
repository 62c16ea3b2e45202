/// One cell of a `Canvas`.
///
/// A wide character (display width 2) occupies two cells: the left one holds the character and the
/// right one is a *continuation* cell that holds nothing of its own and must not be drawn.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster drawn in this cell (a space when blank; unused for continuations).
    public var character: Character
    /// The semantic style of the cell.
    public var style: Style
    /// True for the right half of a wide character.
    public var isContinuation: Bool

    /// Creates a cell.
    public init(character: Character = " ", style: Style = .normal, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// A blank cell in `style`.
    public static func blank(_ style: Style = .normal) -> Cell {
        Cell(character: " ", style: style)
    }
}
