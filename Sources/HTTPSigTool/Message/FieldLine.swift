/// One header field as read from a message: its name as written, its value, and the exact text it was read from.
public struct FieldLine: Sendable, Hashable {
    /// The field name in its original case.
    public var name: String
    /// The field value without leading or trailing whitespace, each obsolete line folding replaced by one space
    /// (RFC 9112 §5.2, RFC 9421 §2.1 step 3).
    public var value: String
    /// The line as it appeared, including any folded continuation lines and their line breaks, but not the final
    /// line ending. Written back unchanged.
    public var raw: [UInt8]

    public init(name: String, value: String, raw: [UInt8]) {
        self.name = name
        self.value = value
        self.raw = raw
    }

    /// A new field line written as `Name: value`.
    public init(name: String, value: String) {
        self.init(name: name, value: value, raw: Array("\(name): \(value)".utf8))
    }
}
