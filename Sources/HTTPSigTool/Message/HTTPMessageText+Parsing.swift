extension HTTPMessageText {
    /// Reads a message: a start line, header field lines, an empty line, then the body (RFC 9112 §2.1). Lines may end
    /// with CRLF or a bare LF (§2.2).
    ///
    /// - Parameters:
    ///   - input: the message bytes.
    ///   - requireEmptyLine: whether the empty line that ends the header section must be present. When false (the
    ///     default), the end of the input also ends the header section, with an empty body: the RFCs print messages
    ///     without content that way.
    public init(parsing input: some Collection<UInt8>, requireEmptyLine: Bool = false) throws(HTTPMessageTextError) {
        var reader = LineReader(Array(input))
        guard let first = try reader.next() else { throw .emptyInput }
        guard let startText = String(validating: first.content, as: UTF8.self) else {
            throw .invalidStartLine(String(decoding: first.content, as: UTF8.self))
        }
        let startLine = try StartLine.parse(startText)
        var fields: [FieldLine] = []
        var pending: PendingField?
        var previousEnding = first.ending
        var body: [UInt8]?
        while let line = try reader.next() {
            defer { previousEnding = line.ending }
            guard let firstByte = line.content.first else {
                body = Array(reader.remaining)
                break
            }
            if HTTPSyntax.isWhitespace(firstByte) {
                // §5.2: obs-fold = OWS CRLF RWS, replaced by a single space.
                guard pending != nil, let ending = previousEnding else {
                    throw .continuationWithoutField(line: line.number)
                }
                try pending?.extend(with: line, after: ending)
                continue
            }
            if let field = pending?.fieldLine { fields.append(field) }
            pending = try PendingField(line)
        }
        if let field = pending?.fieldLine { fields.append(field) }
        if body == nil && requireEmptyLine { throw .missingEmptyLine }
        self.init(startLine: startLine, fields: fields, body: body ?? [], lineEnding: first.ending ?? .crlf)
    }
}

/// Splits the header section into lines, remembering how each one ended.
private struct LineReader {
    struct Line {
        var content: ArraySlice<UInt8>
        /// nil for a last line that the input ends without a line break.
        var ending: LineEnding?
        var number: Int
    }

    private let bytes: [UInt8]
    private var position = 0
    private var lineNumber = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The bytes after the last line read.
    var remaining: ArraySlice<UInt8> { bytes[position...] }

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
}

/// A field line being read, which obs-fold continuation lines may still extend.
private struct PendingField {
    let name: String
    var value: [UInt8]
    var raw: [UInt8]

    /// §5.1: field-line = field-name ":" OWS field-value OWS, with no whitespace before the colon.
    init(_ line: LineReader.Line) throws(HTTPMessageTextError) {
        let content = line.content
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else { throw .missingColon(line: line.number) }
        let nameBytes = content[..<colon]
        let name = String(decoding: nameBytes, as: UTF8.self)
        if let last = nameBytes.last, HTTPSyntax.isWhitespace(last) { throw .whitespaceBeforeColon(line: line.number) }
        guard !nameBytes.isEmpty, nameBytes.allSatisfy(HTTPSyntax.isTokenCharacter) else {
            throw .invalidFieldName(line: line.number, name: name)
        }
        self.name = name
        value = try Self.checked(content[content.index(after: colon)...], line: line.number, name: name)
        raw = Array(content)
    }

    mutating func extend(with line: LineReader.Line, after ending: LineEnding) throws(HTTPMessageTextError) {
        let continuation = try Self.checked(line.content, line: line.number, name: name)
        value = Self.trimmed(value) + [UInt8(ascii: " ")] + Self.trimmed(continuation)
        raw += ending.bytes + line.content
    }

    var fieldLine: FieldLine {
        FieldLine(name: name, value: String(decoding: Self.trimmed(value), as: UTF8.self), raw: raw)
    }

    /// RFC 9110 §5.5: field values hold no control characters but HTAB (obs-text, 0x80 and up, is allowed).
    private static func checked(_ bytes: ArraySlice<UInt8>, line: Int, name: String) throws(HTTPMessageTextError)
        -> [UInt8]
    {
        guard bytes.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw .invalidFieldValue(line: line, name: name)
        }
        return Array(bytes)
    }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var slice = bytes[...]
        while let first = slice.first, HTTPSyntax.isWhitespace(first) { slice = slice.dropFirst() }
        while let last = slice.last, HTTPSyntax.isWhitespace(last) { slice = slice.dropLast() }
        return Array(slice)
    }
}
