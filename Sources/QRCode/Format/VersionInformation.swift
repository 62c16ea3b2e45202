/// The 18-bit version information of versions 7 and up: the version number, BCH(18,6)-protected
/// (ISO/IEC 18004 §7.10).
enum VersionInformation {
    /// x¹² + x¹¹ + x¹⁰ + x⁹ + x⁸ + x⁵ + x² + 1.
    static let generator = 0b1_1111_0010_0101

    static func bits(version: Int) -> Int {
        BCHCode.encode(version, generator: generator)
    }
}
