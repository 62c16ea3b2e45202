/// A grid of styled cells: what a program's `view` produces and what a `TerminalDriver` presents.
///
/// Every drawing operation clips to the canvas (and to an optional clip rectangle); nothing traps on
/// any input, including empty or negative sizes and out-of-range positions.
public struct Canvas: Hashable, Sendable {
    /// The canvas size; never negative.
    public let size: Size
    /// The cells, row by row.
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (for text input); nil hides it.
    public var cursor: Point?

    /// A canvas of `size` filled with blank cells in `style`.
    public init(size: Size, style: Style = .normal) {
        let clamped = Size(width: max(0, size.width), height: max(0, size.height))
        self.size = clamped
        self.cells = Array(repeating: .blank(style), count: clamped.width * clamped.height)
    }

    /// The whole canvas as a rectangle at the origin.
    public var bounds: Rect { Rect(size: size) }

    /// The cell at `point`, or a blank cell outside the canvas.
    public subscript(point: Point) -> Cell {
        guard bounds.contains(point) else { return .blank() }
        return cells[point.y * size.width + point.x]
    }

    /// The cell at column `x`, row `y`, or a blank cell outside the canvas.
    public subscript(x: Int, y: Int) -> Cell {
        self[Point(x: x, y: y)]
    }

    /// Writes one grapheme of display width `width` (1 or 2) at `point`, keeping wide characters whole:
    /// a wide character partly overwritten is replaced by spaces. Callers have clipped already.
    mutating func write(_ character: Character, width: Int, at point: Point, style: Style) {
        clearWideCharacter(at: point)
        cells[index(point)] = Cell(character: character, style: style)
        if width == 2 {
            let right = point.offsetBy(dx: 1)
            clearWideCharacter(at: right)
            cells[index(right)] = Cell(character: " ", style: style, isContinuation: true)
        }
    }

    /// Changes the style of the cell at `point`, if it is inside the canvas.
    public mutating func setStyle(_ style: Style, at point: Point) {
        guard bounds.contains(point) else { return }
        cells[index(point)].style = style
    }

    /// Applies `transform` to the style of every cell in `rect` (clipped to the canvas).
    public mutating func restyle(_ rect: Rect, _ transform: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.minY..<area.maxY {
            for x in area.minX..<area.maxX {
                transform(&cells[y * size.width + x].style)
            }
        }
    }

    private func index(_ point: Point) -> Int {
        point.y * size.width + point.x
    }

    /// If `point` is part of a wide character, blanks both of its halves (keeping their style).
    private mutating func clearWideCharacter(at point: Point) {
        let cell = cells[index(point)]
        if cell.isContinuation {
            cells[index(point)] = .blank(cell.style)
            let left = point.offsetBy(dx: -1)
            if left.x >= 0 { cells[index(left)] = .blank(cells[index(left)].style) }
        } else if DisplayWidth.of(cell.character) == 2 {
            let right = point.offsetBy(dx: 1)
            if right.x < size.width, cells[index(right)].isContinuation {
                cells[index(right)] = .blank(cells[index(right)].style)
            }
        }
    }
}
