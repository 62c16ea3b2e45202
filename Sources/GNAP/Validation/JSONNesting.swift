extension GNAPJSON {
    /// The deepest nesting of arrays and objects any request content may have: ``decodeRequest(_:from:)`` refuses
    /// deeper content before decoding it, so a document of a few kilobytes cannot drive the recursive decoders deep.
    /// A server may set a lower limit (``checkNesting(_:maximumDepth:)``).
    public static let maximumNestingDepth = 64

    /// Refuses JSON whose arrays and objects nest deeper than `maximumDepth`, with `invalid_request`. One pass over
    /// the bytes that stops at the first level too many; brackets inside strings do not count. Malformed JSON passes
    /// here and is refused by the decoder.
    public static func checkNesting(_ bytes: some Collection<UInt8>, maximumDepth: Int) throws(GNAPError) {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                guard depth <= maximumDepth else {
                    throw GNAPError(
                        .invalidRequest, "the JSON content nests arrays and objects deeper than \(maximumDepth) levels")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            default:
                break
            }
        }
    }
}
