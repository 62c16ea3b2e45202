extension ModuleMatrix {
    /// An empty symbol of `version` with its function patterns drawn, the version information written, and the
    /// format information areas reserved (written once the mask is known).
    init(version: Int) {
        self.init(size: 17 + 4 * version)
        drawTimingPatterns()
        drawFinderPattern(centerRow: 3, centerColumn: 3)
        drawFinderPattern(centerRow: 3, centerColumn: size - 4)
        drawFinderPattern(centerRow: size - 4, centerColumn: 3)
        drawAlignmentPatterns(version: version)
        reserveFormatInformation()
        if version >= 7 {
            drawVersionInformation(version: version)
        }
    }

    /// Rows and columns 6 alternate dark and light between the finder patterns, dark on even indices (§6.3.5).
    private mutating func drawTimingPatterns() {
        for index in 0..<size {
            setFunction(row: 6, column: index, dark: index % 2 == 0)
            setFunction(row: index, column: 6, dark: index % 2 == 0)
        }
    }

    /// A 7×7 finder pattern (dark ring, light ring, dark 3×3 core) with its light one-module separator (§6.3.3).
    private mutating func drawFinderPattern(centerRow: Int, centerColumn: Int) {
        for rowOffset in -4...4 {
            for columnOffset in -4...4 {
                let row = centerRow + rowOffset
                let column = centerColumn + columnOffset
                guard (0..<size).contains(row), (0..<size).contains(column) else { continue }
                let ring = max(abs(rowOffset), abs(columnOffset))
                setFunction(row: row, column: column, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// 5×5 alignment patterns (dark ring, light ring, dark centre) at every pair of centre coordinates except
    /// the three corners taken by finder patterns (§6.3.6).
    private mutating func drawAlignmentPatterns(version: Int) {
        let centers = AlignmentPatterns.centers(version: version)
        guard let first = centers.first, let last = centers.last else { return }
        for row in centers {
            for column in centers {
                let overlapsFinder =
                    (row == first && column == first) || (row == first && column == last)
                    || (row == last && column == first)
                guard !overlapsFinder else { continue }
                for rowOffset in -2...2 {
                    for columnOffset in -2...2 {
                        let ring = max(abs(rowOffset), abs(columnOffset))
                        setFunction(row: row + rowOffset, column: column + columnOffset, dark: ring != 1)
                    }
                }
            }
        }
    }

    /// Marks the format information modules as function modules, and draws the dark module beside them.
    private mutating func reserveFormatInformation() {
        writeFormatInformation(bits: 0)
    }
}
