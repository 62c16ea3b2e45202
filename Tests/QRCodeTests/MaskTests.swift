import Testing

@testable import QRCode

@Suite("Mask patterns and penalty rules")
struct MaskTests {
    @Test("feature 1: runs of five or more same-coloured modules")
    func runs() {
        #expect(MaskPenalty.lineFeatures([true, true, true, true, false, true]).sameColorRuns == 0)
        #expect(MaskPenalty.lineFeatures([true, true, true, true, true, false]).sameColorRuns == 3)
        #expect(MaskPenalty.lineFeatures([false, false, false, false, false, false, false]).sameColorRuns == 5)
        let twoRuns = [Bool](repeating: true, count: 5) + [Bool](repeating: false, count: 6)
        #expect(MaskPenalty.lineFeatures(twoRuns).sameColorRuns == 7)
    }

    @Test("feature 3: 1:1:3:1:1 with four light modules on either side, the edge counting as light")
    func finderLike() {
        let core = [true, false, true, true, true, false, true]
        let light4 = [false, false, false, false]
        #expect(MaskPenalty.lineFeatures([true] + light4 + core + [true]).finderLike == 40)
        #expect(MaskPenalty.lineFeatures([true] + core + light4 + [true]).finderLike == 40)
        #expect(MaskPenalty.lineFeatures([true] + light4 + core + light4 + [true]).finderLike == 80)
        #expect(MaskPenalty.lineFeatures(core).finderLike == 80)
        let tooLittleLight = [true, false, false, false] + core + [false, false, false, true]
        #expect(MaskPenalty.lineFeatures(tooLittleLight).finderLike == 0)
    }

    @Test("feature 2 and 4 on whole symbols: all light, checkerboard, 45% dark")
    func wholeSymbols() {
        let light = ModuleMatrix(size: 21)
        #expect(MaskPenalty.sameColorBlocks(light) == 20 * 20 * 3)
        #expect(MaskPenalty.balance(light) == 100)
        #expect(MaskPenalty.score(light) == 42 * (3 + 16) + 1_200 + 100)
        var checkerboard = ModuleMatrix(size: 21)
        for row in 0..<21 {
            for column in 0..<21 {
                checkerboard[row, column] = (row + column) % 2 == 0
            }
        }
        #expect(MaskPenalty.score(checkerboard) == 0)
        var balanced = ModuleMatrix(size: 10)
        for index in 0..<45 {
            balanced[index / 10, index % 10] = true
        }
        #expect(MaskPenalty.balance(balanced) == 10)
        balanced[4, 5] = true
        #expect(MaskPenalty.balance(balanced) == 0)
    }

    @Test("a symbol and its transpose score the same: rows and columns are treated alike")
    func transpose() throws {
        let code = try QRCode(encoding: "https://as.example/device", errorCorrection: .medium)
        var matrix = ModuleMatrix(size: code.size)
        var transposed = ModuleMatrix(size: code.size)
        for row in 0..<code.size {
            for column in 0..<code.size {
                matrix[row, column] = code[row, column]
                transposed[column, row] = code[row, column]
            }
        }
        #expect(MaskPenalty.score(matrix) == MaskPenalty.score(transposed))
        #expect(MaskPenalty.score(matrix) > 0)
    }

    @Test("the encoder keeps the mask with the lowest penalty")
    func choosesLowest() throws {
        for payload in ["GNAP", "https://as.example/device?code=ABCD-EFGH", String(repeating: "€", count: 90)] {
            let code = try QRCode(encoding: payload, errorCorrection: .quartile)
            let penalties = try MaskPattern.references.map { reference in
                let masked = try QRCode(encoding: payload, errorCorrection: .quartile, mask: reference)
                var matrix = ModuleMatrix(size: masked.size)
                for row in 0..<masked.size {
                    for column in 0..<masked.size {
                        matrix[row, column] = masked[row, column]
                    }
                }
                return MaskPenalty.score(matrix)
            }
            #expect(penalties[code.mask] == penalties.min())
            #expect(penalties.firstIndex(of: penalties.min()!) == code.mask)
        }
    }

    @Test("masks invert data modules only, by their Table 10 conditions")
    func masksSparefunctionModules() {
        var matrix = ModuleMatrix(version: 2)
        matrix.placeData([UInt8](repeating: 0, count: 44))
        for mask in MaskPattern.all {
            let masked = mask.applied(to: matrix, errorCorrection: .medium)
            for row in 0..<matrix.size {
                for column in 0..<matrix.size {
                    if matrix.isFunction(row: row, column: column) {
                        let isFormat = row == 8 || column == 8
                        #expect(isFormat || masked[row, column] == matrix[row, column])
                    } else {
                        #expect(masked[row, column] == mask.inverts(row: row, column: column))
                    }
                }
            }
        }
        #expect(MaskPattern(reference: 4).inverts(row: 0, column: 0))
        #expect(!MaskPattern(reference: 4).inverts(row: 2, column: 0))
        #expect(!MaskPattern(reference: 4).inverts(row: 0, column: 3))
    }
}
