import Crypto

/// The deprecated digest algorithms RFC 9530 Appendix D shows sample values for (md5, sha, unixsum, unixcksum,
/// adler, crc32c), computed here only to check those samples: the library must never accept them.
/// Each checksum is sent as its big-endian bytes.
enum LegacyDigests {
    static func digest(_ algorithm: String, _ bytes: [UInt8]) -> [UInt8]? {
        switch algorithm {
        case "md5": Array(Insecure.MD5.hash(data: bytes))
        case "sha": Array(Insecure.SHA1.hash(data: bytes))
        case "unixsum": bigEndian(UInt32(bsdSum(bytes)), width: 2)
        case "unixcksum": bigEndian(posixChecksum(bytes), width: 4)
        case "adler": bigEndian(adler32(bytes), width: 4)
        case "crc32c": bigEndian(crc32c(bytes), width: 4)
        default: nil
        }
    }

    /// The BSD `sum` checksum: rotate right by one bit, then add the byte, modulo 2^16.
    private static func bsdSum(_ bytes: [UInt8]) -> UInt16 {
        bytes.reduce(UInt16(0)) { sum, byte in ((sum >> 1) | (sum << 15)) &+ UInt16(byte) }
    }

    /// POSIX `cksum`: CRC-32 (polynomial 0x04C11DB7, MSB first) over the bytes and then their length, inverted.
    private static func posixChecksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0
        func update(_ byte: UInt8) {
            crc ^= UInt32(byte) << 24
            for _ in 0..<8 { crc = crc & 0x8000_0000 != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1 }
        }
        for byte in bytes { update(byte) }
        var length = bytes.count
        while length > 0 {
            update(UInt8(length & 0xFF))
            length >>= 8
        }
        return ~crc
    }

    /// Adler-32 (RFC 1950 §8.2).
    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    /// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78; RFC 3720 §B.4).
    private static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    private static func bigEndian(_ value: UInt32, width: Int) -> [UInt8] {
        (0..<width).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
