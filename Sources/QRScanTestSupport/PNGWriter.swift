/// A minimal PNG encoder for test images: 8-bit greyscale, no filtering, and a zlib stream of stored (uncompressed)
/// deflate blocks (RFC 1950, RFC 1951 §3.2.4), with the CRC-32 and Adler-32 checksums these formats require.
public enum PNGWriter {
    /// `pixels[row][column]`, 0 black to 255 white; all rows must have the same length.
    public static func greyscale(_ pixels: [[UInt8]]) -> [UInt8] {
        let height = pixels.count
        let width = pixels.first?.count ?? 0
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity(height * (width + 1))
        for row in pixels {
            precondition(row.count == width, "ragged image")
            scanlines.append(0)  // filter type: none
            scanlines.append(contentsOf: row)
        }
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [8, 0, 0, 0, 0]  // bit depth 8, greyscale, deflate, adaptive filtering, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", header) + chunk("IDAT", zlibStored(scanlines)) + chunk("IEND", [])
    }

    /// The QR code's modules, each drawn as `scale` × `scale` pixels, inside a light quiet zone.
    public static func image(of modules: [[Bool]], scale: Int = 4, quietZone: Int = 4) -> [UInt8] {
        let side = (modules.count + 2 * quietZone) * scale
        var pixels = [[UInt8]](repeating: [UInt8](repeating: 255, count: side), count: side)
        for (row, line) in modules.enumerated() {
            for (column, dark) in line.enumerated() where dark {
                for y in 0..<scale {
                    for x in 0..<scale {
                        pixels[(row + quietZone) * scale + y][(column + quietZone) * scale + x] = 0
                    }
                }
            }
        }
        return greyscale(pixels)
    }

    public static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var stream: [UInt8] = [0x78, 0x01]  // deflate, 32 KiB window, no dictionary, fastest
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let isFinal = offset + length == data.count
            stream.append(isFinal ? 1 : 0)  // BFINAL, BTYPE 00 (stored)
            stream += littleEndian(UInt16(length))
            stream += littleEndian(~UInt16(length))
            stream += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        return stream + bigEndian(adler32(data))
    }

    public static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    public static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return ~crc
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
        }
        return value
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typeAndData + bigEndian(crc32(typeAndData))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func littleEndian(_ value: UInt16) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8)]
    }
}
