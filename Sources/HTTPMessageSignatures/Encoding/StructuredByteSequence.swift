import Foundation

/// Decoding of the content of a Structured Field Byte Sequence (RFC 9651 §4.2.7), as found in `Signature` and
/// `Content-Digest` members.
enum StructuredByteSequence {
    /// Base64-decodes `encoded`, synthesizing missing `=` padding as RFC 9651 §4.2.7 asks ("parsers SHOULD NOT fail
    /// when '=' padding is not present"). Padding that is present must be right (Foundation alone accepts, say, `==`
    /// where one `=` belongs, as in the RFC 9530 "...FabDg==" typo).
    static func decode(_ encoded: String) -> [UInt8]? {
        let bytes = Array(encoded.utf8)
        let content = bytes.prefix { $0 != UInt8(ascii: "=") }
        let padding = bytes.count - content.count
        // Only one or two `=`, only at the end, completing a multiple of four characters.
        guard padding <= 2, bytes[content.count...].allSatisfy({ $0 == UInt8(ascii: "=") }) else { return nil }
        // A single leftover character can never be valid base64.
        guard content.count % 4 != 1, padding == 0 || bytes.count % 4 == 0 else { return nil }
        let padded =
            String(decoding: content, as: UTF8.self) + String(repeating: "=", count: (4 - content.count % 4) % 4)
        return Data(base64Encoded: padded).map { Array($0) }
    }
}
