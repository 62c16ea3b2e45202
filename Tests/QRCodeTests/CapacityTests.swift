import Testing

@testable import QRCode

@Suite("Capacities and symbol layout")
struct CapacityTests {
    /// ISO/IEC 18004 Table 7: byte-mode capacity per version, in the order L, M, Q, H.
    static let byteCapacities: [[Int]] = [
        [17, 14, 11, 7], [32, 26, 20, 14], [53, 42, 32, 24], [78, 62, 46, 34], [106, 84, 60, 44],
        [134, 106, 74, 58], [154, 122, 86, 64], [192, 152, 108, 84], [230, 180, 130, 98], [271, 213, 151, 119],
        [321, 251, 177, 137], [367, 287, 203, 155], [425, 331, 241, 177], [458, 362, 258, 194],
        [520, 412, 292, 220], [586, 450, 322, 250], [644, 504, 364, 280], [718, 560, 394, 310],
        [792, 624, 442, 338], [858, 666, 482, 382], [929, 711, 509, 403], [1003, 779, 565, 439],
        [1091, 857, 611, 461], [1171, 911, 661, 511], [1273, 997, 715, 535], [1367, 1059, 751, 593],
        [1465, 1125, 805, 625], [1528, 1190, 868, 658], [1628, 1264, 908, 698], [1732, 1370, 982, 742],
        [1840, 1452, 1030, 790], [1952, 1538, 1112, 842], [2068, 1628, 1168, 898], [2188, 1722, 1228, 958],
        [2303, 1809, 1283, 983], [2431, 1911, 1351, 1051], [2563, 1989, 1423, 1093], [2699, 2099, 1499, 1139],
        [2809, 2213, 1579, 1219], [2953, 2331, 1663, 1273],
    ]

    @Test("byte capacities match Table 7 for every version and level")
    func byteCapacity() {
        for version in QRCode.versions {
            let computed = QRCode.ErrorCorrection.allCases.map {
                QRCode.byteCapacity(version: version, errorCorrection: $0)
            }
            #expect(computed == Self.byteCapacities[version - 1], "version \(version)")
        }
    }

    /// Table 1: total codewords of some versions, and the remainder bits of every version.
    @Test("codeword totals and remainder bits match Table 1")
    func codewordTotals() {
        let totals = [
            1: 26, 2: 44, 3: 70, 4: 100, 5: 134, 6: 172, 7: 196, 10: 346, 14: 581, 21: 1156, 27: 1828, 40: 3706,
        ]
        for (version, total) in totals {
            #expect(BlockStructure.totalCodewords(version: version) == total, "version \(version)")
        }
        for version in QRCode.versions {
            let remainderBits: Int
            switch version {
            case 2...6: remainderBits = 7
            case 14...20, 28...34: remainderBits = 3
            case 21...27: remainderBits = 4
            default: remainderBits = 0
            }
            #expect(
                BlockStructure.dataModules(version: version) - 8 * BlockStructure.totalCodewords(version: version)
                    == remainderBits, "version \(version)")
        }
    }

    @Test("the drawn function patterns leave exactly the modules the capacity counts", arguments: QRCode.versions)
    func drawnDataModules(version: Int) {
        let matrix = ModuleMatrix(version: version)
        let free = (0..<matrix.size).reduce(0) { count, row in
            count + (0..<matrix.size).filter { !matrix.isFunction(row: row, column: $0) }.count
        }
        #expect(free == BlockStructure.dataModules(version: version))
    }

    @Test("block structures split the codewords as Table 9 lists")
    func blocks() {
        // 5-Q: 2 blocks of 15 data codewords, 2 of 16, 18 error-correction codewords each.
        let fiveQ = BlockStructure(version: 5, errorCorrection: .quartile)
        #expect(fiveQ.dataCodewords == 62)
        #expect((0..<4).map(fiveQ.dataCodewords(inBlock:)) == [15, 15, 16, 16])
        // 40-H: 20 blocks of 15, 61 of 16, 30 error-correction codewords each.
        let fortyH = BlockStructure(version: 40, errorCorrection: .high)
        #expect(fortyH.shortBlockCount == 20 && fortyH.shortBlockDataCodewords == 15)
        #expect(fortyH.dataCodewords == 1276)
        #expect(BlockStructure(version: 1, errorCorrection: .low).dataCodewords == 19)
        #expect(BlockStructure(version: 40, errorCorrection: .low).dataCodewords == 2956)
    }

    @Test("alignment pattern centres match Annex E")
    func alignment() {
        #expect(AlignmentPatterns.centers(version: 1) == [])
        #expect(AlignmentPatterns.centers(version: 2) == [6, 18])
        #expect(AlignmentPatterns.centers(version: 7) == [6, 22, 38])
        #expect(AlignmentPatterns.centers(version: 32) == [6, 34, 60, 86, 112, 138])
        #expect(AlignmentPatterns.centers(version: 36) == [6, 24, 50, 76, 102, 128, 154])
        for version in 2...40 {
            let centers = AlignmentPatterns.centers(version: version)
            #expect(centers.count == version / 7 + 2)
            #expect(centers.first == 6 && centers.last == 17 + 4 * version - 7)
            let steps = Set(zip(centers.dropFirst(2), centers.dropFirst()).map { $0 - $1 })
            #expect(steps.count <= 1, "evenly spaced after the first, version \(version)")
        }
    }
}
