extension QRCode {
    /// The error-correction level: the share of codewords a reader can restore (ISO/IEC 18004 §6.5.1).
    public enum ErrorCorrection: Sendable, Hashable, CaseIterable {
        /// L: about 7%.
        case low
        /// M: about 15%.
        case medium
        /// Q: about 25%.
        case quartile
        /// H: about 30%.
        case high

        /// The level's letter in the standard: L, M, Q or H.
        public var letter: Character {
            switch self {
            case .low: "L"
            case .medium: "M"
            case .quartile: "Q"
            case .high: "H"
            }
        }

        /// The two error-correction bits of the format information (Table 12): L 01, M 00, Q 11, H 10.
        var formatBits: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }

        /// The column of this level in the tables indexed by level.
        var tableIndex: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .quartile: 2
            case .high: 3
            }
        }
    }
}
