/// Splits the data codewords into blocks, adds each block's error-correction codewords, and interleaves them into
/// the final codeword sequence (ISO/IEC 18004 §7.6).
enum CodewordInterleaver {
    static func codewords(data: [UInt8], version: Int, errorCorrection: QRCode.ErrorCorrection) -> [UInt8] {
        let structure = BlockStructure(version: version, errorCorrection: errorCorrection)
        precondition(data.count == structure.dataCodewords)
        let encoder = ReedSolomonEncoder(degree: structure.errorCorrectionCodewordsPerBlock)
        var dataBlocks: [ArraySlice<UInt8>] = []
        var errorCorrectionBlocks: [[UInt8]] = []
        var offset = data.startIndex
        for index in 0..<structure.blockCount {
            let block = data[offset..<offset + structure.dataCodewords(inBlock: index)]
            offset = block.endIndex
            dataBlocks.append(block)
            errorCorrectionBlocks.append(encoder.errorCorrectionCodewords(for: block))
        }
        var result: [UInt8] = []
        result.reserveCapacity(structure.totalCodewords)
        // Data codewords column by column; short blocks have no codeword in the last column.
        for column in 0...structure.shortBlockDataCodewords {
            for block in dataBlocks where column < block.count {
                result.append(block[block.startIndex + column])
            }
        }
        for column in 0..<structure.errorCorrectionCodewordsPerBlock {
            for block in errorCorrectionBlocks {
                result.append(block[column])
            }
        }
        return result
    }
}
