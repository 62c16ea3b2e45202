/// Decoding of the content of a Structured Field Byte Sequence (RFC 9651 §4.2.7), as found in `Signature` and
/// `Content-Digest` members.
enum StructuredByteSequence {
    /// The 6-bit value of each byte of the base64 alphabet (RFC 4648 §4); 0xFF for every other byte.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        return table
    }()

    /// Base64-decodes `encoded`, synthesizing missing `=` padding as RFC 9651 §4.2.7 asks ("parsers SHOULD NOT fail
    /// when '=' padding is not present"). Padding that is present must be right (Foundation alone accepts, say, `==`
    /// where one `=` belongs, as in the RFC 9530 "...FabDg==" typo). Unused bits of the last character may be set, as
    /// Foundation's decoder, which this replaces on the verification path, allows (a table here: Foundation's
    /// decoder, with the padded String it needed, cost as much as the rest of reading the field).
    static func decode(_ encoded: String) -> [UInt8]? {
        var encoded = encoded
        return encoded.withUTF8 { decode(bytes: $0) }
    }

    private static func decode(bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let contentCount = bytes.firstIndex(of: UInt8(ascii: "=")) ?? bytes.count
        let padding = bytes.count - contentCount
        // Only one or two `=`, only at the end, completing a multiple of four characters.
        guard padding <= 2, bytes[contentCount...].allSatisfy({ $0 == UInt8(ascii: "=") }) else { return nil }
        // A single leftover character can never be valid base64.
        guard contentCount % 4 != 1, padding == 0 || bytes.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(contentCount * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes[..<contentCount] {
            let value = values[Int(byte)]
            guard value != 0xFF else { return nil }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }
}
