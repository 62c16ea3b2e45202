/// A linear scan of a Structured Field value (RFC 9651) made before parsing it, to refuse values whose parsing would
/// be slow: the parser keeps Dictionary members and Parameters in an `OrderedMap` with linear lookups, so its cost
/// grows with the square of their number.
enum StructuredFieldScan {
    /// The `,` and `;` outside Strings. For a valid field, the commas separate List or Dictionary members (Inner List
    /// members are separated by spaces) and each semicolon starts a Parameter.
    static func separators(in bytes: some Sequence<UInt8>) -> (commas: Int, semicolons: Int) {
        var commas = 0
        var semicolons = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                // §3.3.3: inside a String, a backslash escapes the next character (`\"` or `\\`).
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
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: ","): commas += 1
            case UInt8(ascii: ";"): semicolons += 1
            default: break
            }
        }
        return (commas, semicolons)
    }
}
