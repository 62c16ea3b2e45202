extension GNAPJSON {
    /// Refuses a `null` anywhere in request content, with `invalid_request` naming the member it was given to. No
    /// request schema of this AS has a nullable member (Assets/openapi.yaml): an optional member is left out. A
    /// decoder that read `null` as "absent" would accept what the document forbids, and a client generated from the
    /// document and a lenient one would disagree. One pass over the bytes; `null` inside strings does not count.
    /// Malformed JSON passes here and is refused by the decoder.
    public static func checkNoNull(_ content: some Collection<UInt8>) throws(GNAPError) {
        let bytes = Array(content)
        var inString = false
        var escaped = false
        var stringStart = 0
        var lastString = ArraySlice<UInt8>()
        // The name before the last ':' and whether the value being read is that member's (no ',' or '[' since).
        var memberName: ArraySlice<UInt8>?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    lastString = bytes[stringStart..<index]
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    stringStart = index + 1
                case UInt8(ascii: ":"):
                    memberName = lastString
                case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "{"):
                    memberName = nil
                case UInt8(ascii: "n") where bytes[index...].starts(with: "null".utf8):
                    let name = memberName.map { "'" + String(decoding: $0, as: UTF8.self) + "'" } ?? "an array element"
                    throw GNAPError(
                        .invalidRequest, "\(name) is null: leave out a member that has no value (no member takes null)")
                default:
                    break
                }
            }
            index += 1
        }
    }
}
