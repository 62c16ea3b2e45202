/// A rectangle of cells. Width and height are never negative: initializers clamp them to zero.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    /// Top-left corner.
    public var origin: Point
    /// Extent; never negative.
    public private(set) var size: Size

    /// Creates a rectangle; a negative width or height becomes zero.
    public init(origin: Point, size: Size) {
        self.origin = origin
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
    }

    /// Creates a rectangle from its corner and extent; negative extents become zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.init(origin: Point(x: x, y: y), size: Size(width: width, height: height))
    }

    /// The rectangle at the origin with the given size.
    public init(size: Size) {
        self.init(origin: .zero, size: size)
    }

    /// The empty rectangle at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// Leftmost column.
    public var x: Int { origin.x }
    /// Top row.
    public var y: Int { origin.y }
    /// Number of columns.
    public var width: Int { size.width }
    /// Number of rows.
    public var height: Int { size.height }
    /// Leftmost column (inclusive).
    public var minX: Int { origin.x }
    /// Top row (inclusive).
    public var minY: Int { origin.y }
    /// One past the rightmost column.
    public var maxX: Int { origin.x + size.width }
    /// One past the bottom row.
    public var maxY: Int { origin.y + size.height }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { size.isEmpty }

    /// True when `point` is one of the rectangle's cells.
    public func contains(_ point: Point) -> Bool {
        point.x >= minX && point.x < maxX && point.y >= minY && point.y < maxY
    }

    /// The cells common to both rectangles (empty, at `self`'s origin, when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(minX, other.minX)
        let top = max(minY, other.minY)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(origin: origin, size: .zero) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// `(x, y) WxH`.
    public var description: String { "\(origin) \(size)" }
}
