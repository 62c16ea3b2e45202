/// A size in terminal cells. Negative components are treated as zero by every consumer.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    /// Number of columns.
    public var width: Int
    /// Number of rows.
    public var height: Int

    /// Creates a size of `width` columns and `height` rows.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The empty size.
    public static let zero = Size(width: 0, height: 0)

    /// True when the size holds no cell.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// True when both dimensions are at least those of `other`.
    public func covers(_ other: Size) -> Bool {
        width >= other.width && height >= other.height
    }

    /// `WxH`, as in "80x24".
    public var description: String { "\(width)x\(height)" }
}
