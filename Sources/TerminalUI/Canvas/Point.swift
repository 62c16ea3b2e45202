/// A cell position: `x` is the column, `y` the row, both from the top-left corner (0, 0).
public struct Point: Hashable, Sendable, CustomStringConvertible {
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int

    /// Creates the point at column `x`, row `y`.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// The origin.
    public static let zero = Point(x: 0, y: 0)

    /// This point moved by `dx` columns and `dy` rows.
    public func offsetBy(dx: Int = 0, dy: Int = 0) -> Point {
        Point(x: x + dx, y: y + dy)
    }

    /// `(x, y)`.
    public var description: String { "(\(x), \(y))" }
}
