/// A one-time enrollment code for an approver device: 12 symbols of the user-code alphabet (60 bits), shown
/// `XXXX-XXXX-XXXX`, typed with the same tolerance as user codes. Stored hashed.
public struct EnrollmentCode: Sendable, Hashable, CustomStringConvertible {
    public static let length = 12
    public let normalized: String

    public static func generate() -> EnrollmentCode {
        var generator = SystemRandomNumberGenerator()
        let symbols = (0..<length).map { _ in
            UserCode.alphabet[Int.random(in: 0..<UserCode.alphabet.count, using: &generator)]
        }
        return EnrollmentCode(trusted: String(symbols))
    }

    private init(trusted: String) { normalized = trusted }

    public init(parsing input: String) throws(UserCodeError) {
        let symbols = try UserCode.symbols(in: input)
        guard symbols.count == Self.length else { throw .wrongLength(symbols.count, expected: Self.length) }
        normalized = String(symbols)
    }

    public var display: String {
        stride(from: 0, to: Self.length, by: 4).map { offset in
            let start = normalized.index(normalized.startIndex, offsetBy: offset)
            return String(normalized[start..<normalized.index(start, offsetBy: 4)])
        }.joined(separator: "-")
    }

    public var description: String { display }
}
