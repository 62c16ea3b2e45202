extension ModuleMatrix {
    /// Places codewords, most significant bit first, in two-module-wide columns from the bottom-right corner,
    /// zigzagging up and down and skipping function modules and the vertical timing pattern (ISO/IEC 18004 §7.7.3).
    /// The remainder bits left over after the last codeword stay light.
    mutating func placeData(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 {
                right = 5  // column 6 is the timing pattern: the column pair shifts left by one
            }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for column in [right, right - 1] where !isFunction(row: row, column: column) {
                    if bitIndex < bitCount {
                        let codeword = codewords[bitIndex / 8]
                        self[row, column] = (codeword >> UInt8(7 - bitIndex % 8)) & 1 == 1
                        bitIndex += 1
                    }
                }
            }
            right -= 2
        }
        precondition(bitIndex == bitCount, "codewords do not fit the symbol")
    }
}
