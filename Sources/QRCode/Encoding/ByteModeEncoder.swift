/// Turns bytes into the data codewords of a symbol: one byte-mode segment, the terminator, and padding
/// (ISO/IEC 18004 §7.4).
enum ByteModeEncoder {
    /// Mode indicator 0100 (§7.4.2, Table 2).
    static let modeIndicator = 0b0100
    static let terminatorBits = 4
    /// Pad codewords, alternated after the terminator (§7.4.10).
    static let padCodewords: [UInt8] = [0xEC, 0x11]

    /// Bits of the character count indicator in byte mode (Table 3): 8 up to version 9, then 16.
    static func characterCountBits(version: Int) -> Int {
        version <= 9 ? 8 : 16
    }

    static func byteCapacity(version: Int, errorCorrection: QRCode.ErrorCorrection) -> Int {
        let dataBits = BlockStructure(version: version, errorCorrection: errorCorrection).dataCodewords * 8
        return (dataBits - 4 - characterCountBits(version: version)) / 8
    }

    /// The data codewords for `bytes`, which must fit (`byteCapacity`).
    static func dataCodewords(
        for bytes: [UInt8], version: Int, errorCorrection: QRCode.ErrorCorrection
    ) -> [UInt8] {
        let capacity = BlockStructure(version: version, errorCorrection: errorCorrection).dataCodewords
        precondition(bytes.count <= byteCapacity(version: version, errorCorrection: errorCorrection))
        var writer = BitWriter()
        writer.append(modeIndicator, bits: 4)
        writer.append(bytes.count, bits: characterCountBits(version: version))
        for byte in bytes {
            writer.append(Int(byte), bits: 8)
        }
        // The terminator may be shortened, or left out, when the symbol is full.
        writer.append(0, bits: min(terminatorBits, capacity * 8 - writer.bitCount))
        var codewords = writer.bytes  // the last codeword's unused low bits are already zero
        var padIndex = 0
        while codewords.count < capacity {
            codewords.append(padCodewords[padIndex % 2])
            padIndex += 1
        }
        return codewords
    }
}
