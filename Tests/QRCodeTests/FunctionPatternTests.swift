import Testing

@testable import QRCode

@Suite("Function patterns")
struct FunctionPatternTests {
    @Test("finder patterns, separators and timing patterns", arguments: [1, 2, 7, 40])
    func finders(version: Int) {
        let matrix = ModuleMatrix(version: version)
        let size = matrix.size
        #expect(size == 17 + 4 * version)
        let finder = [
            "#######.",
            "#.....#.",
            "#.###.#.",
            "#.###.#.",
            "#.###.#.",
            "#.....#.",
            "#######.",
            "........",
        ]
        for (row, line) in finder.enumerated() {
            for (column, character) in line.enumerated() {
                let dark = character == "#"
                #expect(matrix[row, column] == dark)
                #expect(matrix[row, size - 1 - column] == dark)
                #expect(matrix[size - 1 - row, column] == dark)
            }
        }
        for index in 8..<(size - 8) {
            #expect(matrix[6, index] == (index % 2 == 0))
            #expect(matrix[index, 6] == (index % 2 == 0))
            #expect(matrix.isFunction(row: 6, column: index) && matrix.isFunction(row: index, column: 6))
        }
    }

    @Test("alignment patterns sit at every centre pair except the finder corners")
    func alignment() {
        let matrix = ModuleMatrix(version: 7)
        for (row, column) in [(6, 22), (22, 6), (22, 22), (22, 38), (38, 22), (38, 38)] {
            for rowOffset in -2...2 {
                for columnOffset in -2...2 {
                    let ring = max(abs(rowOffset), abs(columnOffset))
                    #expect(matrix[row + rowOffset, column + columnOffset] == (ring != 1))
                }
            }
        }
    }

    @Test("data placement fills every non-function module, starting at the bottom-right corner going up")
    func placement() {
        var matrix = ModuleMatrix(version: 1)
        matrix.placeData([UInt8](repeating: 0xFF, count: 26))
        for row in 0..<21 {
            for column in 0..<21 where !matrix.isFunction(row: row, column: column) {
                #expect(matrix[row, column])
            }
        }
        var first = ModuleMatrix(version: 1)
        first.placeData([0b1010_0000] + [UInt8](repeating: 0, count: 25))
        // Bits 7, 6, 5, 4 of the first codeword go to (20,20), (20,19), (19,20), (19,19).
        #expect(first[20, 20] && !first[20, 19] && first[19, 20] && !first[19, 19])
    }
}
