/// Why a text could not be read as an HTTP/1.1 message. Line numbers count from 1 (the start line).
public enum HTTPMessageTextError: Error, Sendable, Hashable, CustomStringConvertible {
    case emptyInput
    case invalidStartLine(String)
    case invalidMethod(String)
    case invalidRequestTarget(String)
    case invalidHTTPVersion(String)
    case invalidStatusCode(String)
    /// A CR that is not followed by LF (RFC 9112 §2.2).
    case bareCarriageReturn(line: Int)
    /// A line that starts with whitespace but has no field line before it to continue (§5.2, §2.2).
    case continuationWithoutField(line: Int)
    case missingColon(line: Int)
    case invalidFieldName(line: Int, name: String)
    /// Whitespace between a field name and its colon, which §5.1 requires a recipient to reject.
    case whitespaceBeforeColon(line: Int)
    /// A control character other than HTAB in a field value (RFC 9110 §5.5).
    case invalidFieldValue(line: Int, name: String)
    /// The input ended before the empty line that ends the header section (only when that line is required).
    case missingEmptyLine
    /// A request whose last transfer coding is not `chunked`: its length cannot be known (RFC 9112 §6.3).
    case lastTransferCodingNotChunked(String)
    /// A chunk-size line that is not hexadecimal digits, optionally followed by chunk extensions (§7.1).
    case invalidChunkSize(line: Int, text: String)
    /// The input ends within the data of the chunk whose size is on `line`.
    case truncatedChunk(line: Int, size: Int, available: Int)
    /// Chunk data not followed by a line ending where the chunk's size says it ends (§7.1).
    case missingLineEndAfterChunk(line: Int)
    /// The input ends before the last chunk (size 0) of chunked content.
    case missingLastChunk
    /// The input ends before the empty line that ends the trailer section (only when that line is required).
    case missingEmptyLineAfterTrailers
    /// Bytes after the end of chunked content: they would belong to another message.
    case dataAfterChunkedContent(line: Int)

    public var description: String {
        switch self {
        case .emptyInput: "the message is empty"
        case .invalidStartLine(let line):
            "line 1: '\(line.printable)' is neither a request line ('METHOD TARGET HTTP/1.1') nor a status line "
                + "('HTTP/1.1 CODE REASON')"
        case .invalidMethod(let method): "line 1: '\(method.printable)' is not a valid method"
        case .invalidRequestTarget(let target): "line 1: '\(target.printable)' is not a valid request target"
        case .invalidHTTPVersion(let version): "line 1: '\(version.printable)' is not an HTTP version like HTTP/1.1"
        case .invalidStatusCode(let code):
            "line 1: '\(code.printable)' is not a status code (three digits, 100 to 599)"
        case .bareCarriageReturn(let line): "line \(line): a carriage return not followed by a line feed"
        case .continuationWithoutField(let line):
            "line \(line): starts with whitespace but does not continue a field line"
        case .missingColon(let line): "line \(line): a header field line needs a colon (an empty line ends the header)"
        case .invalidFieldName(let line, let name): "line \(line): '\(name.printable)' is not a valid field name"
        case .whitespaceBeforeColon(let line): "line \(line): whitespace between the field name and the colon"
        case .invalidFieldValue(let line, let name):
            "line \(line): the value of '\(name.printable)' contains a control character"
        case .missingEmptyLine: "the input ends before the empty line that ends the header section"
        case .lastTransferCodingNotChunked(let codings):
            "Transfer-Encoding '\(codings.printable)': the last transfer coding of a request must be chunked"
        case .invalidChunkSize(let line, let text):
            "line \(line): '\(text.printable)' is not a chunk size (hexadecimal digits, then optional ;extensions)"
        case .truncatedChunk(let line, let size, let available):
            "line \(line): the chunk of \(size) bytes is cut short, the input ends after \(available)"
        case .missingLineEndAfterChunk(let line):
            "line \(line): the chunk data does not end with a line break where its size says it ends"
        case .missingLastChunk: "the input ends before the last chunk (size 0) of the chunked content"
        case .missingEmptyLineAfterTrailers: "the input ends before the empty line that ends the trailer section"
        case .dataAfterChunkedContent(let line): "line \(line): data after the end of the chunked content"
        }
    }
}

extension String {
    /// The text with control characters shown as `\u{…}`, so an error message cannot disturb a terminal: C0, DEL
    /// and C1 (U+0080 to U+009F, which terminals may read as CSI and other sequence starts, as they do ESC).
    var printable: String {
        var output = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                output += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
