/// Reads a message line by line, remembering how each line ended, and counts lines as a text editor would so that
/// errors can name them: chunk data taken with ``take(_:)`` counts the lines it spans.
struct LineReader {
    struct Line {
        var content: ArraySlice<UInt8>
        /// nil for a last line that the input ends without a line break.
        var ending: LineEnding?
        var number: Int
    }

    private let bytes: [UInt8]
    private var position = 0
    /// The number of the line the reader is in (0 before the first line is read).
    private(set) var lineNumber = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The bytes after the last line or data read.
    var remaining: ArraySlice<UInt8> { bytes[position...] }

    var isAtEnd: Bool { position == bytes.count }

    /// The next line, up to and excluding its CRLF or LF (RFC 9112 §2.2); nil at the end of the input.
    mutating func next() throws(HTTPMessageTextError) -> Line? {
        guard position < bytes.count else { return nil }
        lineNumber += 1
        let start = position
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                position = index + 1
                return Line(content: bytes[start..<index], ending: .lf, number: lineNumber)
            case UInt8(ascii: "\r"):
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") else {
                    throw .bareCarriageReturn(line: lineNumber)
                }
                position = index + 2
                return Line(content: bytes[start..<index], ending: .crlf, number: lineNumber)
            default:
                index += 1
            }
        }
        position = bytes.count
        return Line(content: bytes[start...], ending: nil, number: lineNumber)
    }

    /// The next `count` bytes, whatever they are, starting a new line; nil (and nothing is consumed) when fewer are
    /// left. The reader is then in the line where the bytes end, which ``takeLineEnding()`` closes.
    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, bytes.count - position >= count else { return nil }
        let taken = bytes[position..<position + count]
        position += count
        lineNumber += 1 + taken.count(where: { $0 == UInt8(ascii: "\n") })
        return taken
    }

    /// Consumes a CRLF or LF; false (and nothing is consumed) when the input does not continue with one.
    mutating func takeLineEnding() -> Bool {
        for ending in [LineEnding.crlf, .lf] where remaining.starts(with: ending.bytes) {
            position += ending.bytes.count
            return true
        }
        return false
    }
}
