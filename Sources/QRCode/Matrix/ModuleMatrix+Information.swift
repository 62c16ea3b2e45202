extension ModuleMatrix {
    /// Writes the 15 format information bits twice (ISO/IEC 18004 §7.9.1, Figure 25), bit 0 being the least
    /// significant: around the top-left finder pattern, and split between the top-right and bottom-left ones.
    /// Also sets the dark module above the bottom-left copy.
    mutating func writeFormatInformation(bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        // Top-left: bits 0–7 down column 8 (skipping the timing row), bits 8–14 leftwards along row 8.
        for index in 0...5 {
            setFunction(row: index, column: 8, dark: bit(index))
        }
        setFunction(row: 7, column: 8, dark: bit(6))
        setFunction(row: 8, column: 8, dark: bit(7))
        setFunction(row: 8, column: 7, dark: bit(8))
        for index in 9...14 {
            setFunction(row: 8, column: 14 - index, dark: bit(index))
        }
        // Top-right: bits 0–7 leftwards along row 8 from the edge; bottom-left: bits 8–14 down column 8.
        for index in 0...7 {
            setFunction(row: 8, column: size - 1 - index, dark: bit(index))
        }
        for index in 8...14 {
            setFunction(row: size - 15 + index, column: 8, dark: bit(index))
        }
        setFunction(row: size - 8, column: 8, dark: true)
    }

    /// Writes the 18 version information bits (versions 7 and up) as two 6×3 blocks beside the top-right and
    /// bottom-left finder patterns, bit 0 nearest the corner (§7.10, Figure 27).
    mutating func drawVersionInformation(version: Int) {
        let bits = VersionInformation.bits(version: version)
        for index in 0..<18 {
            let isDark = (bits >> index) & 1 == 1
            let near = index / 3
            let far = size - 11 + index % 3
            setFunction(row: near, column: far, dark: isDark)
            setFunction(row: far, column: near, dark: isDark)
        }
    }
}
