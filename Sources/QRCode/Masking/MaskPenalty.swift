/// The penalty score of a masked symbol (ISO/IEC 18004 §7.8.3, Table 11); the encoder keeps the mask with the
/// lowest total.
enum MaskPenalty {
    static let sameColorRunWeight = 3  // N1
    static let sameColorBlockWeight = 3  // N2
    static let finderLikeWeight = 40  // N3
    static let balanceWeight = 10  // N4

    static func score(_ matrix: ModuleMatrix) -> Int {
        var penalty = sameColorBlocks(matrix) + balance(matrix)
        for index in 0..<matrix.size {
            let row = lineFeatures(matrix.dark, start: index * matrix.size, step: 1, count: matrix.size)
            let column = lineFeatures(matrix.dark, start: index, step: matrix.size, count: matrix.size)
            penalty += row.sameColorRuns + row.finderLike + column.sameColorRuns + column.finderLike
        }
        return penalty
    }

    /// Features 1 and 3 of one row or column: the `count` modules of `modules` at `start`, `start + step`, …
    ///
    /// - Feature 1: each run of five or more same-coloured modules scores N1 + (length − 5).
    /// - Feature 3: each 1:1:3:1:1 dark–light–dark–light–dark pattern with four light modules before or after it
    ///   scores N3. Modules beyond the ends count as light, as the quiet zone is.
    static func lineFeatures(
        _ modules: [Bool], start: Int = 0, step: Int = 1, count: Int? = nil
    ) -> (sameColorRuns: Int, finderLike: Int) {
        let count = count ?? modules.count
        var runs = 0
        var finderLike = 0
        var runColor = false
        var runLength = 0
        // The last 11 modules, the newest in bit 0; those before the line are light.
        var window = 0
        for index in 0..<count + 4 {
            let isDark = index < count && modules[start + index * step]
            if index < count {
                if index > 0, isDark == runColor {
                    runLength += 1
                } else {
                    runs += runPenalty(runLength)
                    runColor = isDark
                    runLength = 1
                }
            }
            window = (window << 1 | (isDark ? 1 : 0)) & 0b111_1111_1111
            // Windows that start before the four light modules ahead of the line cannot match either pattern.
            if index >= 6, window == finderLikeBefore || window == finderLikeAfter {
                finderLike += finderLikeWeight
            }
        }
        return (runs + runPenalty(runLength), finderLike)
    }

    /// Feature 2: each 2×2 block of one colour scores N2 (overlapping blocks count separately).
    static func sameColorBlocks(_ matrix: ModuleMatrix) -> Int {
        let size = matrix.size
        let dark = matrix.dark
        var penalty = 0
        for row in 0..<size - 1 {
            for column in 0..<size - 1 {
                let index = row * size + column
                let color = dark[index]
                if dark[index + 1] == color, dark[index + size] == color, dark[index + size + 1] == color {
                    penalty += sameColorBlockWeight
                }
            }
        }
        return penalty
    }

    /// Feature 4: N4 for every full 5% by which the share of dark modules departs from 50%.
    static func balance(_ matrix: ModuleMatrix) -> Int {
        let total = matrix.size * matrix.size
        let steps = abs(matrix.darkCount * 20 - total * 10) / total
        return steps * balanceWeight
    }

    /// 0000 1011101 and 1011101 0000, oldest module in the highest bit.
    private static let finderLikeBefore = 0b0000_1011_101
    private static let finderLikeAfter = 0b1011_1010_000

    private static func runPenalty(_ length: Int) -> Int {
        length >= 5 ? sameColorRunWeight + length - 5 : 0
    }
}
