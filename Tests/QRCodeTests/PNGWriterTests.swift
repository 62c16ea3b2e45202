import QRScanTestSupport
import Testing

@Suite("PNG writer (test support)")
struct PNGWriterTests {
    @Test("CRC-32 and Adler-32 match known values")
    func checksums() {
        #expect(PNGWriter.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNGWriter.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(PNGWriter.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(PNGWriter.adler32([]) == 1)
    }

    @Test("stored deflate blocks split at 65,535 bytes, only the last one final")
    func storedBlocks() {
        let data = [UInt8](repeating: 7, count: 70_000)
        let stream = PNGWriter.zlibStored(data)
        #expect(stream.count == 2 + (5 + 65_535) + (5 + 4_465) + 4)
        #expect(Array(stream[2..<7]) == [0, 0xFF, 0xFF, 0x00, 0x00])
        #expect(Array(stream[(7 + 65_535)..<(12 + 65_535)]) == [1, 0x71, 0x11, 0x8E, 0xEE])
    }

    @Test("a greyscale image has the PNG signature, IHDR, IDAT and IEND")
    func layout() {
        let png = PNGWriter.greyscale([[0, 255], [255, 0]])
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(png[12..<16]) == Array("IHDR".utf8))
        #expect(Array(png[16..<24]) == [0, 0, 0, 2, 0, 0, 0, 2])
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82])
    }
}
