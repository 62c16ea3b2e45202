/// How a version's codewords split into Reed–Solomon blocks at one error-correction level (ISO/IEC 18004 Table 9).
///
/// All blocks carry the same number of error-correction codewords. When the data codewords do not divide evenly,
/// the first blocks ("short") carry one data codeword fewer than the rest.
struct BlockStructure: Sendable, Equatable {
    let version: Int
    let errorCorrectionCodewordsPerBlock: Int
    let blockCount: Int

    init(version: Int, errorCorrection: QRCode.ErrorCorrection) {
        let entry = Self.table[version - 1][errorCorrection.tableIndex]
        self.version = version
        self.errorCorrectionCodewordsPerBlock = entry.codewordsPerBlock
        self.blockCount = entry.blocks
    }

    /// Data plus error-correction codewords in the symbol.
    var totalCodewords: Int { Self.totalCodewords(version: version) }

    var dataCodewords: Int { totalCodewords - errorCorrectionCodewordsPerBlock * blockCount }

    /// The number of blocks with one data codeword fewer than the others.
    var shortBlockCount: Int { blockCount - totalCodewords % blockCount }

    /// Data codewords in a short block.
    var shortBlockDataCodewords: Int { totalCodewords / blockCount - errorCorrectionCodewordsPerBlock }

    /// The data codewords of block `index` (short blocks first).
    func dataCodewords(inBlock index: Int) -> Int {
        shortBlockDataCodewords + (index < shortBlockCount ? 0 : 1)
    }

    /// The codewords a version holds: its modules minus the function patterns, format and version information,
    /// divided by eight (the leftover remainder bits carry nothing).
    static func totalCodewords(version: Int) -> Int {
        dataModules(version: version) / 8
    }

    /// Modules left for codewords and remainder bits once the function patterns are placed (ISO/IEC 18004 Table 1).
    static func dataModules(version: Int) -> Int {
        let size = 17 + 4 * version
        var modules = size * size
        modules -= 3 * 8 * 8  // finder patterns with their separators
        modules -= 2 * 15 + 1  // format information, twice, and the dark module
        modules -= 2 * (size - 16)  // timing patterns
        let alignmentCount = AlignmentPatterns.centers(version: version).count
        if alignmentCount > 0 {
            let patterns = alignmentCount * alignmentCount - 3
            // Each pattern covers 25 modules; those on row or column 6 share 5 of them with a timing pattern.
            let onTiming = 2 * (alignmentCount - 2)
            modules -= 25 * patterns - 5 * onTiming
        }
        if version >= 7 {
            modules -= 2 * 18  // version information, twice
        }
        return modules
    }

    /// Error-correction codewords per block and number of blocks, per version, in the order L, M, Q, H.
    private static let table: [[(codewordsPerBlock: Int, blocks: Int)]] = [
        [(7, 1), (10, 1), (13, 1), (17, 1)],  // 1
        [(10, 1), (16, 1), (22, 1), (28, 1)],  // 2
        [(15, 1), (26, 1), (18, 2), (22, 2)],  // 3
        [(20, 1), (18, 2), (26, 2), (16, 4)],  // 4
        [(26, 1), (24, 2), (18, 4), (22, 4)],  // 5
        [(18, 2), (16, 4), (24, 4), (28, 4)],  // 6
        [(20, 2), (18, 4), (18, 6), (26, 5)],  // 7
        [(24, 2), (22, 4), (22, 6), (26, 6)],  // 8
        [(30, 2), (22, 5), (20, 8), (24, 8)],  // 9
        [(18, 4), (26, 5), (24, 8), (28, 8)],  // 10
        [(20, 4), (30, 5), (28, 8), (24, 11)],  // 11
        [(24, 4), (22, 8), (26, 10), (28, 11)],  // 12
        [(26, 4), (22, 9), (24, 12), (22, 16)],  // 13
        [(30, 4), (24, 9), (20, 16), (24, 16)],  // 14
        [(22, 6), (24, 10), (30, 12), (24, 18)],  // 15
        [(24, 6), (28, 10), (24, 17), (30, 16)],  // 16
        [(28, 6), (28, 11), (28, 16), (28, 19)],  // 17
        [(30, 6), (26, 13), (28, 18), (28, 21)],  // 18
        [(28, 7), (26, 14), (26, 21), (26, 25)],  // 19
        [(28, 8), (26, 16), (30, 20), (28, 25)],  // 20
        [(28, 8), (26, 17), (28, 23), (30, 25)],  // 21
        [(28, 9), (28, 17), (30, 23), (24, 34)],  // 22
        [(30, 9), (28, 18), (30, 25), (30, 30)],  // 23
        [(30, 10), (28, 20), (30, 27), (30, 32)],  // 24
        [(26, 12), (28, 21), (30, 29), (30, 35)],  // 25
        [(28, 12), (28, 23), (28, 34), (30, 37)],  // 26
        [(30, 12), (28, 25), (30, 34), (30, 40)],  // 27
        [(30, 13), (28, 26), (30, 35), (30, 42)],  // 28
        [(30, 14), (28, 28), (30, 38), (30, 45)],  // 29
        [(30, 15), (28, 29), (30, 40), (30, 48)],  // 30
        [(30, 16), (28, 31), (30, 43), (30, 51)],  // 31
        [(30, 17), (28, 33), (30, 45), (30, 54)],  // 32
        [(30, 18), (28, 35), (30, 48), (30, 57)],  // 33
        [(30, 19), (28, 37), (30, 51), (30, 60)],  // 34
        [(30, 19), (28, 38), (30, 53), (30, 63)],  // 35
        [(30, 20), (28, 40), (30, 56), (30, 66)],  // 36
        [(30, 21), (28, 43), (30, 59), (30, 70)],  // 37
        [(30, 22), (28, 45), (30, 62), (30, 74)],  // 38
        [(30, 24), (28, 47), (30, 65), (30, 77)],  // 39
        [(30, 25), (28, 49), (30, 68), (30, 81)],  // 40
    ]
}
