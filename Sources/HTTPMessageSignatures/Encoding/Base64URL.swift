import Foundation

/// Base64url without padding (RFC 4648 §5), the encoding of JWK members (RFC 7517), thumbprints (RFC 7638) and the
/// parts of a compact JWS (RFC 7515 §2).
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The 6-bit value of each byte of the alphabet; 0xFF for every other byte.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// Encodes bytes as unpadded base64url.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let encoded = bytes.withContiguousStorageIfAvailable({ encode(buffer: $0) }) { return encoded }
        return Array(bytes).withUnsafeBufferPointer { encode(buffer: $0) }
    }

    private static func encode(buffer input: UnsafeBufferPointer<UInt8>) -> String {
        let count = input.count / 3 * 4 + [0, 2, 3][input.count % 3]
        return alphabet.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: count) { output in
                var read = 0
                var written = 0
                while read + 3 <= input.count {
                    let word = UInt32(input[read]) << 16 | UInt32(input[read + 1]) << 8 | UInt32(input[read + 2])
                    output[written] = table[Int(word >> 18 & 63)]
                    output[written + 1] = table[Int(word >> 12 & 63)]
                    output[written + 2] = table[Int(word >> 6 & 63)]
                    output[written + 3] = table[Int(word & 63)]
                    read += 3
                    written += 4
                }
                let rest = input.count - read
                if rest > 0 {
                    let word = UInt32(input[read]) << 16 | (rest == 2 ? UInt32(input[read + 1]) << 8 : 0)
                    output[written] = table[Int(word >> 18 & 63)]
                    output[written + 1] = table[Int(word >> 12 & 63)]
                    if rest == 2 { output[written + 2] = table[Int(word >> 6 & 63)] }
                }
                return count
            }
        }
    }

    /// Decodes unpadded (or padded) base64url; returns nil for any character outside the alphabet.
    public static func decode(_ string: String) -> [UInt8]? {
        guard string.utf8.allSatisfy(isBase64URLByte) else { return nil }
        var standard = string.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard = standard.replacingOccurrences(of: "=", with: "")
        let remainder = standard.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { standard += String(repeating: "=", count: 4 - remainder) }
        guard let data = Data(base64Encoded: standard) else { return nil }
        return [UInt8](data)
    }

    /// Decodes the strict form RFC 7515 §2 requires of a JWS: the base64url alphabet only, no padding, no
    /// whitespace, and unused trailing bits zero, so that every byte string has exactly one accepted encoding.
    /// Returns nil for anything else.
    public static func decodeCanonical<Encoded: Collection>(_ encoded: Encoded) -> [UInt8]?
    where Encoded.Element == UInt8 {
        if let decoded = encoded.withContiguousStorageIfAvailable({ decodeCanonical(buffer: $0) }) { return decoded }
        return Array(encoded).withUnsafeBufferPointer { decodeCanonical(buffer: $0) }
    }

    private static func decodeCanonical(buffer input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let rest = input.count % 4
        guard rest != 1 else { return nil }
        let count = input.count / 4 * 3 + (rest == 0 ? 0 : rest - 1)
        return values.withUnsafeBufferPointer { table -> [UInt8]? in
            var failed = false
            let output = [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
                var read = 0
                var written = 0
                var invalid: UInt8 = 0
                while read + 4 <= input.count {
                    let a = table[Int(input[read])]
                    let b = table[Int(input[read + 1])]
                    let c = table[Int(input[read + 2])]
                    let d = table[Int(input[read + 3])]
                    invalid |= a | b | c | d
                    let word = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    output[written] = UInt8(truncatingIfNeeded: word >> 16)
                    output[written + 1] = UInt8(truncatingIfNeeded: word >> 8)
                    output[written + 2] = UInt8(truncatingIfNeeded: word)
                    read += 4
                    written += 3
                }
                if rest > 0 {
                    let a = table[Int(input[read])]
                    let b = table[Int(input[read + 1])]
                    let c = rest == 3 ? table[Int(input[read + 2])] : 0
                    invalid |= a | b | c
                    // The bits past the last whole byte must be zero (RFC 4648 §3.5, canonical encoding).
                    let spare = rest == 2 ? b & 0x0F : c & 0x03
                    if spare != 0 { invalid |= 0x80 }
                    output[written] = UInt8(truncatingIfNeeded: a << 2 | b >> 4)
                    if rest == 3 { output[written + 1] = UInt8(truncatingIfNeeded: b << 4 | c >> 2) }
                }
                // Every valid value is below 64, so any bit 6 or 7 set means a byte outside the alphabet.
                failed = invalid & 0xC0 != 0
                initialized = count
            }
            return failed ? nil : output
        }
    }

    private static func isBase64URLByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
