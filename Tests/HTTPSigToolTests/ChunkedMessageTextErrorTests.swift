import HTTPSigTool
import Testing

/// Every way chunked content (RFC 9112 §7.1) can be malformed yields its own typed error naming the line, never a
/// crash. Line numbers count the lines of the text, chunk data included.
@Suite("HTTP/1.1 chunked message text errors")
struct ChunkedMessageTextErrorTests {
    /// Lines 1 to 3; the body starts on line 4.
    static let head = "POST /p HTTP/1.1\nTransfer-Encoding: chunked\n\n"

    @Test(arguments: [
        ("zz\n", HTTPMessageTextError.invalidChunkSize(line: 4, text: "zz")),
        ("\n0\n", .invalidChunkSize(line: 4, text: "")),
        ("-4\nabcd\n0\n", .invalidChunkSize(line: 4, text: "-4")),
        ("+4\nabcd\n0\n", .invalidChunkSize(line: 4, text: "+4")),
        ("0x4\nabcd\n0\n", .invalidChunkSize(line: 4, text: "0x4")),
        ("4x\nabcd\n0\n", .invalidChunkSize(line: 4, text: "4x")),
        ("4 \nabcd\n0\n", .invalidChunkSize(line: 4, text: "4 ")),
        (" 4\nabcd\n0\n", .invalidChunkSize(line: 4, text: " 4")),
        ("2\nok\n0 x\n", .invalidChunkSize(line: 6, text: "0 x")),
        // §7.1: a size beyond any integer is refused, not wrapped around.
        ("ffffffffffffffffffff\nabcd\n0\n", .invalidChunkSize(line: 4, text: "ffffffffffffffffffff")),
        ("10\nshort\n", .truncatedChunk(line: 4, size: 16, available: 6)),
        ("7fffffffffffffff\nabc", .truncatedChunk(line: 4, size: Int.max, available: 3)),
        ("4", .truncatedChunk(line: 4, size: 4, available: 0)),
        ("2\nok\n4\nab", .truncatedChunk(line: 6, size: 4, available: 2)),
        ("4\nabcdef\n0\n", .missingLineEndAfterChunk(line: 5)),
        ("4\nabcd", .missingLineEndAfterChunk(line: 5)),
        ("4\nabcd\r0\n", .missingLineEndAfterChunk(line: 5)),
        // The data "ab\nc" spans lines 5 and 6; the "d" after it is on line 6.
        ("4\nab\ncd\n0\n", .missingLineEndAfterChunk(line: 6)),
        ("", .missingLastChunk),
        ("4\nabcd\n", .missingLastChunk),
        ("4\rx\n", .bareCarriageReturn(line: 4)),
        ("0\nX-T: 1\n\nGET / HTTP/1.1\n", .dataAfterChunkedContent(line: 7)),
        ("0\n\n\n", .dataAfterChunkedContent(line: 6)),
        ("0\nno colon\n\n", .missingColon(line: 5)),
        ("0\n folded\n\n", .continuationWithoutField(line: 5)),
        ("0\nX T: 1\n\n", .invalidFieldName(line: 5, name: "X T")),
        ("0\nX-T : 1\n\n", .whitespaceBeforeColon(line: 5)),
        ("0\nX-T: a\u{1}b\n\n", .invalidFieldValue(line: 5, name: "X-T")),
        ("0\nX-T: a\rb\n\n", .bareCarriageReturn(line: 5)),
    ])
    func malformedChunkedContent(body: String, error: HTTPMessageTextError) {
        #expect(throws: error) { try HTTPMessageText(parsing: Array((Self.head + body).utf8)) }
    }

    /// RFC 9112 §6.3 rule 4: a request whose last transfer coding is not chunked has no determinable length.
    @Test(arguments: [
        ("Transfer-Encoding: gzip", "gzip"),
        ("Transfer-Encoding: chunked, gzip", "chunked, gzip"),
        ("Transfer-Encoding: chunked\nTransfer-Encoding: identity", "chunked, identity"),
        ("Transfer-Encoding: chunkedx", "chunkedx"),
    ])
    func aRequestMustEndItsTransferCodingsWithChunked(field: String, codings: String) {
        #expect(throws: HTTPMessageTextError.lastTransferCodingNotChunked(codings)) {
            try HTTPMessageText(parsing: Array("POST /p HTTP/1.1\n\(field)\n\nabc".utf8))
        }
    }

    /// When the empty lines are required, the trailer section needs its own too.
    @Test(arguments: ["0", "0\n", "0\nX-T: 1", "0\nX-T: 1\n"])
    func theTrailerSectionEndsWithAnEmptyLineWhenRequired(body: String) throws {
        #expect(throws: HTTPMessageTextError.missingEmptyLineAfterTrailers) {
            try HTTPMessageText(parsing: Array((Self.head + body).utf8), requireEmptyLine: true)
        }
        #expect(try HTTPMessageText(parsing: Array((Self.head + body).utf8)).trailers != nil)
    }

    @Test func errorMessagesNameTheLineAndEscapeControlCharacters() {
        #expect(
            HTTPMessageTextError.invalidChunkSize(line: 4, text: "1\u{1B}").description
                == "line 4: '1\\u{1b}' is not a chunk size (hexadecimal digits, then optional ;extensions)")
        #expect(
            HTTPMessageTextError.truncatedChunk(line: 9, size: 16, available: 6).description
                == "line 9: the chunk of 16 bytes is cut short, the input ends after 6")
        #expect(HTTPMessageTextError.missingLineEndAfterChunk(line: 5).description.hasPrefix("line 5: "))
        #expect(HTTPMessageTextError.dataAfterChunkedContent(line: 7).description.hasPrefix("line 7: "))
        #expect(
            HTTPMessageTextError.lastTransferCodingNotChunked("g\u{7F}").description
                == "Transfer-Encoding 'g\\u{7f}': the last transfer coding of a request must be chunked")
    }
}
