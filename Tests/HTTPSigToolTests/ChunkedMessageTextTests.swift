import HTTPSigTool
import Testing

/// Chunked content (RFC 9112 §7.1): the body is kept as sent, and its decoded content and trailer fields are exposed.
@Suite("HTTP/1.1 chunked message text")
struct ChunkedMessageTextTests {
    /// RFC 9421 §2.1.4, as the RFC prints it: LF line ends, no empty line after the trailer section.
    static let trailerExample = """
        HTTP/1.1 200 OK
        Content-Type: text/plain
        Transfer-Encoding: chunked
        Trailer: Expires

        4
        HTTP
        7
        Message
        a
        Signatures
        0
        Expires: Wed, 9 Nov 2022 07:28:00 GMT
        """

    static func parse(_ text: String, requireEmptyLine: Bool = false) throws -> HTTPMessageText {
        try HTTPMessageText(parsing: Array(text.utf8), requireEmptyLine: requireEmptyLine)
    }

    @Test func readsTheRFC9421TrailerExample() throws {
        let text = try Self.parse(Self.trailerExample)
        #expect(text.content == Array("HTTPMessageSignatures".utf8))
        #expect(text.trailers?.map(\.name) == ["Expires"])
        #expect(text.trailers?.map(\.value) == ["Wed, 9 Nov 2022 07:28:00 GMT"])
        #expect(text.values(of: "expires").isEmpty)
        // The body stays as sent, so the message is written back unchanged.
        let body = Self.trailerExample.components(separatedBy: "\n\n")[1]
        #expect(text.body == Array(body.utf8))
        #expect(text.serialized == Array(Self.trailerExample.utf8))
    }

    /// CRLF framing, hex digits in both cases, chunk extensions (ignored, §7.1.1), and chunk data that holds line
    /// breaks of its own: the size alone says where a chunk ends.
    @Test func readsCRLFChunksWithExtensionsAndLineBreaksInTheData() throws {
        let input =
            "PUT /upload HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\nA ; a=1 ;b\r\n\r\nline\n\r\nx\r\n000;last\r\nX-One: 1\r\nX-Two:  two \r\n\r\n"
        let text = try Self.parse(input, requireEmptyLine: true)
        #expect(text.content == Array("hello\r\nline\n\r\nx".utf8))
        #expect(text.trailers?.map(\.name) == ["X-One", "X-Two"])
        #expect(text.trailers?.map(\.value) == ["1", "two"])
        #expect(text.serialized == Array(input.utf8))
    }

    @Test func trailerFieldLinesMayBeFoldedLikeHeaderLines() throws {
        let text = try Self.parse("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n0\nX-Fold: one\n  two\n\n")
        #expect(text.trailers?.map(\.value) == ["one two"])
        #expect(text.trailers?.first?.raw == Array("X-Fold: one\n  two".utf8))
    }

    /// Chunked content without trailer fields has an empty trailer section; a body that is not chunked has none.
    @Test func emptyTrailerSectionOrNone() throws {
        for lastChunk in ["0\n\n", "0"] {
            let input = "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n" + lastChunk
            let text = try Self.parse(input)
            #expect(text.trailers == [])
            #expect(text.content.isEmpty)
        }
        let plain = try Self.parse("HTTP/1.1 200 OK\nContent-Length: 3\n\n0\n\n")
        #expect(plain.trailers == nil)
        #expect(plain.content == Array("0\n\n".utf8))
    }

    /// RFC 9112 §6.3: chunked frames the body when it is the last transfer coding, whatever its case and however the
    /// codings are spread over field lines. Codings before it are left applied.
    @Test(arguments: [
        "Transfer-Encoding: chunked", "Transfer-Encoding: CHUNKED", "Transfer-Encoding: gzip, chunked",
        "Transfer-Encoding: gzip\nTransfer-Encoding: chunked", "Transfer-Encoding: gzip ,, chunked ",
    ])
    func chunkedIsTheLastTransferCoding(field: String) throws {
        let text = try Self.parse("POST / HTTP/1.1\n\(field)\n\n2\nok\n0\n")
        #expect(text.content == Array("ok".utf8))
        #expect(text.trailers == [])
    }

    /// A response whose last coding is not chunked runs to the end of the input (§6.3 rule 4); 1xx, 204 and 304
    /// responses have no content at all (rule 1).
    @Test(arguments: [
        "HTTP/1.1 200 OK\nTransfer-Encoding: chunked, gzip\n\n",
        "HTTP/1.1 200 OK\nTransfer-Encoding: gzip\n\n",
        "HTTP/1.1 304 Not Modified\nTransfer-Encoding: chunked\n\n",
        "HTTP/1.1 204 No Content\nTransfer-Encoding: chunked\n\n",
        "HTTP/1.1 103 Early Hints\nTransfer-Encoding: chunked\n\n",
    ])
    func responsesThatAreNotChunkDecoded(head: String) throws {
        let text = try Self.parse(head + "2\nok\n0\n")
        #expect(text.content == Array("2\nok\n0\n".utf8))
        #expect(text.trailers == nil)
    }

    /// A header section that the input ends (allowed unless the empty line is required) leaves no body to decode.
    @Test func aMessageThatEndsInItsHeaderSectionHasNoChunks() throws {
        let text = try Self.parse("HTTP/1.1 200 OK\nTransfer-Encoding: chunked")
        #expect(text.body.isEmpty)
        #expect(text.trailers == nil)
    }
}
