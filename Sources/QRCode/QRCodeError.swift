/// Why a QR code could not be made. Compare with the static members (`error == .dataTooLong`); the description
/// carries the details.
public struct QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case dataTooLong
        case versionOutOfRange
        case maskOutOfRange
    }

    private let code: Code
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The data does not fit in the largest allowed version at the requested error-correction level.
    public static let dataTooLong = QRCodeError(.dataTooLong, "the data is too long for a QR code")
    /// A version bound is outside 1...40, or the minimum exceeds the maximum.
    public static let versionOutOfRange = QRCodeError(.versionOutOfRange, "QR code versions are 1...40")
    /// A requested mask pattern is outside 0...7.
    public static let maskOutOfRange = QRCodeError(.maskOutOfRange, "QR code mask patterns are 0...7")

    static func dataTooLong(
        byteCount: Int, capacity: Int, version: Int, errorCorrection: QRCode.ErrorCorrection
    ) -> QRCodeError {
        QRCodeError(
            .dataTooLong,
            "\(byteCount) bytes do not fit in a QR code: version \(version) holds at most \(capacity) bytes "
                + "at error-correction level \(errorCorrection.letter)")
    }

    static func versionOutOfRange(minimum: Int, maximum: Int) -> QRCodeError {
        QRCodeError(
            .versionOutOfRange, "QR code versions are 1...40 (minimum \(minimum), maximum \(maximum) requested)")
    }

    static func maskOutOfRange(_ mask: Int) -> QRCodeError {
        QRCodeError(.maskOutOfRange, "QR code mask patterns are 0...7 (\(mask) requested)")
    }

    public static func == (lhs: QRCodeError, rhs: QRCodeError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}
