/// A QR code symbol (ISO/IEC 18004) holding bytes in byte mode: the module matrix, without the quiet zone.
///
/// The encoder picks the smallest version in `minimumVersion...maximumVersion` whose capacity at the requested
/// error-correction level holds the data, splits the data into Reed–Solomon blocks, interleaves them, and applies
/// the mask pattern with the lowest penalty score (or the requested one). Text is encoded as its UTF-8 bytes,
/// without an ECI header: readers guess UTF-8 for such bytes, and a URI is plain ASCII anyway.
///
/// ```swift
/// let code = try QRCode(encoding: "https://as.example/device", errorCorrection: .medium)
/// for line in code.halfBlockLines() { print(line) }
/// ```
public struct QRCode: Sendable, Hashable {
    /// The symbol version, 1...40; the symbol is `17 + 4 × version` modules wide.
    public let version: Int
    public let errorCorrection: ErrorCorrection
    /// The mask pattern reference, 0...7 (ISO/IEC 18004 §7.8.2).
    public let mask: Int
    /// The number of modules on each side, quiet zone excluded.
    public let size: Int
    /// The modules, `modules[row][column]`, `true` for dark. Row 0 is the top, column 0 the left.
    public let modules: [[Bool]]

    /// Encodes bytes in byte mode.
    ///
    /// - Parameters:
    ///   - data: the bytes to encode.
    ///   - errorCorrection: the error-correction level; `.medium` (about 15% of the codewords restorable) by default.
    ///   - minimumVersion: the smallest version to use (1 by default), for a symbol of a predictable size.
    ///   - maximumVersion: the largest version to use (40 by default), to bound the symbol's size.
    ///   - mask: a mask pattern reference 0...7 to use instead of the one with the lowest penalty (nil by default).
    /// - Throws: `QRCodeError.dataTooLong` when the data does not fit in `maximumVersion` at this level;
    ///   `QRCodeError.versionOutOfRange` or `QRCodeError.maskOutOfRange` for invalid arguments.
    public init(
        encoding data: some Collection<UInt8>, errorCorrection: ErrorCorrection = .medium, minimumVersion: Int = 1,
        maximumVersion: Int = 40, mask: Int? = nil
    ) throws(QRCodeError) {
        guard Self.versions.contains(minimumVersion), Self.versions.contains(maximumVersion),
            minimumVersion <= maximumVersion
        else {
            throw .versionOutOfRange(minimum: minimumVersion, maximum: maximumVersion)
        }
        if let mask, !MaskPattern.references.contains(mask) {
            throw .maskOutOfRange(mask)
        }
        let bytes = Array(data)
        guard
            let version = (minimumVersion...maximumVersion).first(where: {
                Self.byteCapacity(version: $0, errorCorrection: errorCorrection) >= bytes.count
            })
        else {
            throw .dataTooLong(
                byteCount: bytes.count,
                capacity: Self.byteCapacity(version: maximumVersion, errorCorrection: errorCorrection),
                version: maximumVersion, errorCorrection: errorCorrection)
        }
        let dataCodewords = ByteModeEncoder.dataCodewords(
            for: bytes, version: version, errorCorrection: errorCorrection)
        let codewords = CodewordInterleaver.codewords(
            data: dataCodewords, version: version, errorCorrection: errorCorrection)
        var unmasked = ModuleMatrix(version: version)
        unmasked.placeData(codewords)
        let (chosen, matrix) = MaskPattern.choose(
            for: unmasked, errorCorrection: errorCorrection, forcing: mask.map(MaskPattern.init(reference:)))
        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = chosen.reference
        self.size = matrix.size
        self.modules = matrix.rows
    }

    /// Encodes the UTF-8 bytes of `text` in byte mode; see `init(encoding:errorCorrection:minimumVersion:...)`.
    public init(
        encoding text: String, errorCorrection: ErrorCorrection = .medium, minimumVersion: Int = 1,
        maximumVersion: Int = 40, mask: Int? = nil
    ) throws(QRCodeError) {
        try self.init(
            encoding: Array(text.utf8), errorCorrection: errorCorrection, minimumVersion: minimumVersion,
            maximumVersion: maximumVersion, mask: mask)
    }

    /// Whether the module at `row`, `column` (both in `0..<size`) is dark.
    public subscript(row: Int, column: Int) -> Bool {
        modules[row][column]
    }

    /// The versions a QR code can have.
    public static let versions = 1...40

    /// How many bytes a symbol of `version` (1...40) holds in byte mode at `errorCorrection` (ISO/IEC 18004
    /// Table 7): 17 for version 1 at `.low`, up to 2,953 for version 40 at `.low`.
    public static func byteCapacity(version: Int, errorCorrection: ErrorCorrection) -> Int {
        precondition(versions.contains(version), "QR code versions are 1...40")
        return ByteModeEncoder.byteCapacity(version: version, errorCorrection: errorCorrection)
    }
}
