extension Rect {
    /// The rectangle shrunk by `amount` cells on every side (never below zero size).
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The rectangle shrunk by the given number of cells on each side (never below zero size).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// Splits into a top part of `top` rows (clamped to the height) and the rest below it.
    public func splitVertical(top: Int) -> (top: Rect, bottom: Rect) {
        let rows = min(max(0, top), height)
        return (
            Rect(x: x, y: y, width: width, height: rows),
            Rect(x: x, y: y + rows, width: width, height: height - rows)
        )
    }

    /// Splits into a bottom part of `bottom` rows (clamped to the height) and the rest above it.
    public func splitVertical(bottom: Int) -> (top: Rect, bottom: Rect) {
        splitVertical(top: height - min(max(0, bottom), height))
    }

    /// Splits into a left part of `left` columns (clamped to the width) and the rest to its right.
    public func splitHorizontal(left: Int) -> (left: Rect, right: Rect) {
        let columns = min(max(0, left), width)
        return (
            Rect(x: x, y: y, width: columns, height: height),
            Rect(x: x + columns, y: y, width: width - columns, height: height)
        )
    }

    /// Splits into a right part of `right` columns (clamped to the width) and the rest to its left.
    public func splitHorizontal(right: Int) -> (left: Rect, right: Rect) {
        splitHorizontal(left: width - min(max(0, right), width))
    }

    /// A sub-rectangle of (at most) `size`, centred in this one; clamped to fit.
    public func centered(_ size: Size) -> Rect {
        let w = min(max(0, size.width), width)
        let h = min(max(0, size.height), height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    /// The row `index` (0-based) of this rectangle as a one-row rectangle; empty when out of range.
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }
}
