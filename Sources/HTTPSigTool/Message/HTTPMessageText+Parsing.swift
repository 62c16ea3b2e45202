extension HTTPMessageText {
    /// Reads a message: a start line, header field lines, an empty line, then the body (RFC 9112 §2.1). Lines may end
    /// with CRLF or a bare LF (§2.2). A chunked body (§7.1) is also decoded into ``content`` and ``trailers``.
    ///
    /// - Parameters:
    ///   - input: the message bytes.
    ///   - requireEmptyLine: whether the empty lines that end the header section and the trailer section of chunked
    ///     content must be present. When false (the default), the end of the input also ends them: the RFCs print
    ///     messages that way. A header section ended by the end of the input leaves no body, chunked or not.
    public init(parsing input: some Collection<UInt8>, requireEmptyLine: Bool = false) throws(HTTPMessageTextError) {
        var reader = LineReader(Array(input))
        guard let first = try reader.next() else { throw .emptyInput }
        guard let startText = String(validating: first.content, as: UTF8.self) else {
            throw .invalidStartLine(String(decoding: first.content, as: UTF8.self))
        }
        let startLine = try StartLine.parse(startText)
        let header = try reader.readFieldSection()
        if !header.ended && requireEmptyLine { throw .missingEmptyLine }
        let body = Array(reader.remaining)
        self.init(startLine: startLine, fields: header.fields, body: body, lineEnding: first.ending ?? .crlf)
        if header.ended, try ChunkedContent.frames(startLine, fields: header.fields) {
            let chunked = try ChunkedContent(reading: &reader, requireEmptyLine: requireEmptyLine)
            content = chunked.content
            trailers = chunked.trailers
        }
    }
}
