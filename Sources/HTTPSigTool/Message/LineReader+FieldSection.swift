extension LineReader {
    /// Reads field lines up to the empty line that ends a field section: the header section (RFC 9112 §2.1) or the
    /// trailer section of chunked content (§7.1.2), which share the field-line syntax of §5.
    ///
    /// - Returns: the field lines in order, and whether the empty line was found (false when the input ended first).
    mutating func readFieldSection() throws(HTTPMessageTextError) -> (fields: [FieldLine], ended: Bool) {
        var fields: [FieldLine] = []
        var pending: PendingField?
        var previousEnding: LineEnding?
        while let line = try next() {
            defer { previousEnding = line.ending }
            guard let firstByte = line.content.first else {
                if let field = pending?.fieldLine { fields.append(field) }
                return (fields, true)
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
        return (fields, false)
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
