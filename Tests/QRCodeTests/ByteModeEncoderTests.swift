import Testing

@testable import QRCode

@Suite("Byte-mode data codewords")
struct ByteModeEncoderTests {
    @Test("bits are written most significant first across byte boundaries")
    func bitWriter() {
        var writer = BitWriter()
        writer.append(0b0100, bits: 4)
        writer.append(0b0000_0101, bits: 8)
        writer.append(0b1, bits: 1)
        #expect(writer.bytes == [0b0100_0000, 0b0101_1000])
        #expect(writer.bitCount == 13)
    }

    @Test("mode, count, data, terminator, then alternating pad codewords")
    func hello() {
        let codewords = ByteModeEncoder.dataCodewords(for: Array("hello".utf8), version: 1, errorCorrection: .medium)
        #expect(
            codewords == [
                0x40, 0x56, 0x86, 0x56, 0xC6, 0xC6, 0xF0, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC,
            ])
    }

    @Test("versions 10 and up count bytes in 16 bits")
    func longCount() {
        let codewords = ByteModeEncoder.dataCodewords(for: [0xAB], version: 10, errorCorrection: .high)
        #expect(Array(codewords.prefix(4)) == [0x40, 0x00, 0x1A, 0xB0])
        #expect(codewords.count == BlockStructure(version: 10, errorCorrection: .high).dataCodewords)
    }

    @Test("a full symbol: the terminator fills the last four bits, no pad codewords")
    func full() {
        let bytes = [UInt8](repeating: 0xFF, count: 17)
        let codewords = ByteModeEncoder.dataCodewords(for: bytes, version: 1, errorCorrection: .low)
        #expect(codewords.count == 19)
        #expect(codewords.first == 0x41 && codewords[1] == 0x1F && codewords.last == 0xF0)
    }

    @Test("interleaving takes one codeword per block in turn, the longer blocks last")
    func interleaving() {
        // 5-Q: blocks of 15, 15, 16, 16 data codewords; number them 0…61.
        let data = (0..<62).map { UInt8($0) }
        let codewords = CodewordInterleaver.codewords(data: data, version: 5, errorCorrection: .quartile)
        #expect(codewords.count == 134)
        #expect(Array(codewords.prefix(8)) == [0, 15, 30, 46, 1, 16, 31, 47])
        #expect(Array(codewords[56..<62]) == [14, 29, 44, 60, 45, 61])
        let encoder = ReedSolomonEncoder(degree: 18)
        let firstBlockErrorCorrection = encoder.errorCorrectionCodewords(for: data[0..<15])
        #expect(codewords[62] == firstBlockErrorCorrection[0] && codewords[66] == firstBlockErrorCorrection[1])
    }
}
