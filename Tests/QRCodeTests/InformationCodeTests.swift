import Testing

@testable import QRCode

@Suite("Format and version information (BCH codes)")
struct InformationCodeTests {
    /// ISO/IEC 18004 Annex C, Table C.1: the masked format information for each level and mask 0…7.
    static let formatInformation: [QRCode.ErrorCorrection: [Int]] = [
        .low: [0x77C4, 0x72F3, 0x7DAA, 0x789D, 0x662F, 0x6318, 0x6C41, 0x6976],
        .medium: [0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0],
        .quartile: [0x355F, 0x3068, 0x3F31, 0x3A06, 0x24B4, 0x2183, 0x2EDA, 0x2BED],
        .high: [0x1689, 0x13BE, 0x1CE7, 0x19D0, 0x0762, 0x0255, 0x0D0C, 0x083B],
    ]

    @Test("format information matches Annex C", arguments: QRCode.ErrorCorrection.allCases)
    func format(level: QRCode.ErrorCorrection) {
        let computed = MaskPattern.all.map { FormatInformation.bits(errorCorrection: level, mask: $0) }
        #expect(computed == Self.formatInformation[level])
    }

    @Test("any two format information words differ in at least 7 bits")
    func formatDistance() {
        let words = QRCode.ErrorCorrection.allCases.flatMap { level in
            MaskPattern.all.map { FormatInformation.bits(errorCorrection: level, mask: $0) }
        }
        #expect(Set(words).count == 32)
        for (index, word) in words.enumerated() {
            for other in words[(index + 1)...] {
                #expect((word ^ other).nonzeroBitCount >= 7)
            }
        }
    }

    /// ISO/IEC 18004 Annex D, Table D.1: version information for versions 7…40.
    static let versionInformation = [
        0x07C94, 0x085BC, 0x09A99, 0x0A4D3, 0x0BBF6, 0x0C762, 0x0D847, 0x0E60D, 0x0F928, 0x10B78, 0x1145D,
        0x12A17, 0x13532, 0x149A6, 0x15683, 0x168C9, 0x177EC, 0x18EC4, 0x191E1, 0x1AFAB, 0x1B08E, 0x1CC1A,
        0x1D33F, 0x1ED75, 0x1F250, 0x209D5, 0x216F0, 0x228BA, 0x2379F, 0x24B0B, 0x2542E, 0x26A64, 0x27541,
        0x28C69,
    ]

    @Test("version information matches Annex D")
    func version() {
        #expect((7...40).map(VersionInformation.bits(version:)) == Self.versionInformation)
    }

    @Test("the symbol carries its format and version information where readers look")
    func placement() throws {
        for (version, level) in [(1, QRCode.ErrorCorrection.low), (7, .high), (23, .quartile), (40, .medium)] {
            let code = try QRCode(encoding: Payloads.bytes(count: 5), errorCorrection: level, minimumVersion: version)
            let size = code.size
            let expected = FormatInformation.bits(errorCorrection: level, mask: MaskPattern(reference: code.mask))
            // Copy 1 around the top-left finder; copy 2 split between the other two (bit 0 first).
            let firstPositions =
                (0...5).map { ($0, 8) } + [(7, 8), (8, 8), (8, 7)] + (9...14).map { (8, 14 - $0) }
            let secondPositions = (0...7).map { (8, size - 1 - $0) } + (8...14).map { (size - 15 + $0, 8) }
            #expect(Self.read(code, firstPositions) == expected)
            #expect(Self.read(code, secondPositions) == expected)
            #expect(code[size - 8, 8], "the dark module")
            if version >= 7 {
                let topRight = (0..<18).map { ($0 / 3, size - 11 + $0 % 3) }
                let bottomLeft = (0..<18).map { (size - 11 + $0 % 3, $0 / 3) }
                #expect(Self.read(code, topRight) == VersionInformation.bits(version: version))
                #expect(Self.read(code, bottomLeft) == VersionInformation.bits(version: version))
            }
        }
    }

    /// The bits at `positions` (row, column), the first one least significant.
    private static func read(_ code: QRCode, _ positions: [(Int, Int)]) -> Int {
        positions.enumerated().reduce(0) { $0 | (code[$1.element.0, $1.element.1] ? 1 << $1.offset : 0) }
    }
}
