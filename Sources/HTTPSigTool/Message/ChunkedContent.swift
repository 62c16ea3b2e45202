/// The content of a message body sent with the chunked transfer coding (RFC 9112 §7.1), decoded: the chunk data
/// joined, and the fields of the trailer section.
struct ChunkedContent {
    var content: [UInt8]
    var trailers: [FieldLine]

    /// Reads `chunked-body = *chunk last-chunk trailer-section CRLF` (§7.1) from a reader that stands right after
    /// the empty line of the header section. Chunk lines, like header lines, may end with CRLF or a bare LF (§2.2).
    ///
    /// - Parameter requireEmptyLine: whether the empty line that ends the trailer section must be present; when
    ///   false, the end of the input also ends it, as the RFCs print chunked messages.
    init(reading reader: inout LineReader, requireEmptyLine: Bool) throws(HTTPMessageTextError) {
        var content: [UInt8] = []
        while true {
            // chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF; last-chunk = 1*("0") [ chunk-ext ] CRLF
            guard let sizeLine = try reader.next() else { throw .missingLastChunk }
            let size = try Self.chunkSize(sizeLine)
            if size == 0 { break }
            guard sizeLine.ending != nil, let data = reader.take(size) else {
                throw .truncatedChunk(line: sizeLine.number, size: size, available: reader.remaining.count)
            }
            content += data
            guard reader.takeLineEnding() else { throw .missingLineEndAfterChunk(line: reader.lineNumber) }
        }
        // §7.1.2: trailer-section = *( field-line CRLF ), then the CRLF that ends the message.
        let trailerSection = try reader.readFieldSection()
        if !trailerSection.ended && requireEmptyLine { throw .missingEmptyLineAfterTrailers }
        // The message ends here; whatever follows would be another message, which the tool does not read.
        guard reader.isAtEnd else { throw .dataAfterChunkedContent(line: reader.lineNumber + 1) }
        self.content = content
        trailers = trailerSection.fields
    }

    /// §7.1: chunk-size = 1*HEXDIG, then chunk extensions (`;name=value`, after optional whitespace), which are
    /// ignored (§7.1.1). Sizes too large for an `Int` are refused rather than wrapped, as §7.1 asks.
    private static func chunkSize(_ line: LineReader.Line) throws(HTTPMessageTextError) -> Int {
        let digits = line.content.prefix(while: HTTPSyntax.isHexDigit)
        // chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ): whitespace only before a ";".
        let rest = line.content[digits.endIndex...]
        guard !digits.isEmpty, rest.isEmpty || rest.drop(while: HTTPSyntax.isWhitespace).first == UInt8(ascii: ";"),
            let size = Int(String(decoding: digits, as: UTF8.self), radix: 16)
        else {
            throw .invalidChunkSize(line: line.number, text: String(decoding: line.content, as: UTF8.self))
        }
        return size
    }
}

extension ChunkedContent {
    /// Whether the body of a message with this start line and these header fields is chunked (RFC 9112 §6.3): the
    /// last transfer coding is `chunked` and the message can have content at all (not a 1xx, 204 or 304 response).
    /// Codings listed before `chunked` (e.g. `gzip`) are not removed: the content stays coded with them.
    static func frames(_ startLine: StartLine, fields: [FieldLine]) throws(HTTPMessageTextError) -> Bool {
        // Transfer-Encoding = #transfer-coding; transfer-coding = token *( OWS ";" OWS transfer-parameter )
        let codings = fields.filter { $0.name.lowercased() == "transfer-encoding" }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
        guard let last = codings.last else { return false }
        let lastName = last.prefix { $0 != ";" }.trimmingWhitespace().lowercased()
        switch startLine {
        case .request:
            // §6.3 rule 4: a request whose last coding is not chunked has no determinable length.
            guard lastName == "chunked" else { throw .lastTransferCodingNotChunked(codings.joined(separator: ", ")) }
            return true
        case .response(_, let status, _):
            // §6.3 rules 1 and 4: these responses have no content; other codings mean the content runs to the end.
            return lastName == "chunked" && status >= 200 && status != 204 && status != 304
        }
    }
}

extension HTTPMessageText {
    /// A message that the input ends within its header section has no body, chunked or not. Written back, the empty
    /// line that `sign` adds makes its Transfer-Encoding frame a body that is not there (RFC 9112 §6.3), so the signed
    /// message could not be read again: refused, naming what is missing.
    func requireBodyForItsFraming() throws(HTTPSigToolError) {
        guard trailers == nil, body.isEmpty else { return }
        let chunked: Bool
        do {
            chunked = try ChunkedContent.frames(startLine, fields: fields)
        } catch {
            throw .message(error)
        }
        if chunked { throw .chunkedMessageWithoutBody }
    }
}

extension StringProtocol {
    /// The text without leading and trailing SP and HTAB (OWS, RFC 9110 §5.6.3).
    fileprivate func trimmingWhitespace() -> String {
        let bytes = utf8.drop { HTTPSyntax.isWhitespace($0) }.reversed().drop { HTTPSyntax.isWhitespace($0) }
        return String(decoding: bytes.reversed(), as: UTF8.self)
    }
}
