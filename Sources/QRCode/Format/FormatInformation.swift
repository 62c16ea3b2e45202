/// The 15-bit format information: error-correction level and mask pattern, BCH(15,5)-protected, XOR-masked so
/// that it is never all zero (ISO/IEC 18004 §7.9.1).
enum FormatInformation {
    /// x¹⁰ + x⁸ + x⁵ + x⁴ + x² + x + 1.
    static let generator = 0b101_0011_0111
    static let xorMask = 0b101_0100_0001_0010

    static func bits(errorCorrection: QRCode.ErrorCorrection, mask: MaskPattern) -> Int {
        let data = errorCorrection.formatBits << 3 | mask.reference
        return BCHCode.encode(data, generator: generator) ^ xorMask
    }
}
