import QRScanTestSupport
import Testing

@testable import QRCode

/// Encodes, renders to PNG, and decodes with zbarimg (an independent reader): the decoded bytes must be the input.
/// These tests fail, rather than skip, when zbarimg is missing.
@Suite("Round trips through zbarimg")
struct ZbarRoundTripTests {
    /// Payload lengths from one byte to the capacity of version 40, for each level.
    static let lengthCases: [(QRCode.ErrorCorrection, Int)] = QRCode.ErrorCorrection.allCases.flatMap { level in
        let capacity = QRCode.byteCapacity(version: 40, errorCorrection: level)
        return [1, 2, 17, 100, 500, 1000, capacity - 1, capacity].map { (level, $0) }
    }

    @Test("binary payloads of many lengths at every level", arguments: lengthCases)
    func binaryPayloads(level: QRCode.ErrorCorrection, length: Int) throws {
        let payload = Payloads.bytes(count: length)
        let code = try QRCode(encoding: payload, errorCorrection: level)
        #expect(try ZbarDecoder.decode(png: PNGWriter.image(of: code.modules)) == payload)
    }

    /// Every version at every level, filled to capacity: exercises each row of the block and alignment tables.
    static let fullSymbolCases: [(Int, QRCode.ErrorCorrection)] = QRCode.versions.flatMap { version in
        QRCode.ErrorCorrection.allCases.map { (version, $0) }
    }

    @Test("every version and level filled to capacity", arguments: fullSymbolCases)
    func fullSymbols(version: Int, level: QRCode.ErrorCorrection) throws {
        let payload = Payloads.bytes(count: QRCode.byteCapacity(version: version, errorCorrection: level))
        let code = try QRCode(encoding: payload, errorCorrection: level)
        #expect(code.version == version)
        #expect(try ZbarDecoder.decode(png: PNGWriter.image(of: code.modules)) == payload)
    }

    static let textCases: [(QRCode.ErrorCorrection, Int)] = QRCode.ErrorCorrection.allCases.flatMap { level in
        [5, 60, 300, QRCode.byteCapacity(version: 40, errorCorrection: level)].map { (level, $0) }
    }

    @Test("UTF-8 text reads back as the same text", arguments: textCases)
    func utf8Text(level: QRCode.ErrorCorrection, utf8Count: Int) throws {
        let text = Payloads.text(utf8Count: utf8Count)
        let code = try QRCode(encoding: text, errorCorrection: level)
        let decoded = try ZbarDecoder.decode(png: PNGWriter.image(of: code.modules), output: .text)
        // In text mode zbarimg ends each symbol's data with a newline.
        #expect(String(decoding: decoded, as: UTF8.self) == text + "\n")
    }

    @Test("every mask pattern reads back", arguments: MaskPattern.references)
    func masks(mask: Int) throws {
        for (length, level) in [(40, QRCode.ErrorCorrection.medium), (300, .high)] {
            let payload = Payloads.bytes(count: length, seed: UInt64(mask))
            let code = try QRCode(encoding: payload, errorCorrection: level, mask: mask)
            #expect(code.mask == mask)
            #expect(try ZbarDecoder.decode(png: PNGWriter.image(of: code.modules)) == payload)
        }
    }

    @Test("a short payload in a larger requested version", arguments: [5, 10, 25, 40])
    func minimumVersion(version: Int) throws {
        let uri = "https://as.example/interact/device"
        let code = try QRCode(encoding: uri, errorCorrection: .low, minimumVersion: version)
        #expect(code.version == version)
        #expect(try ZbarDecoder.decode(png: PNGWriter.image(of: code.modules)) == Array(uri.utf8))
    }

    @Test("the harness can fail: a blank image has no code, a damaged symbol does not read back")
    func harness() throws {
        let blank = [[Bool]](repeating: [Bool](repeating: false, count: 21), count: 21)
        #expect(throws: ZbarDecoder.Failure.self) { try ZbarDecoder.decode(png: PNGWriter.image(of: blank)) }
        let payload = Array("GNAP".utf8)
        var modules = try QRCode(encoding: payload, errorCorrection: .low).modules
        for row in 9..<21 {
            for column in 9..<21 {
                modules[row][column].toggle()
            }
        }
        #expect(throws: ZbarDecoder.Failure.self) { try ZbarDecoder.decode(png: PNGWriter.image(of: modules)) }
    }

    @Test(
        "the half-block text rendering scans, in both palettes",
        arguments: [QRCode.Palette.darkOnLight, .lightOnDark], [QRCode.ErrorCorrection.low, .high])
    func halfBlocks(palette: QRCode.Palette, level: QRCode.ErrorCorrection) throws {
        let uri = "https://as.example/interact/device?user_code=ABCD-EFGH"
        let code = try QRCode(encoding: uri, errorCorrection: level)
        let lines = code.halfBlockLines(palette: palette)
        // A glyph is dark in the dark-on-light palette and light in the other; the background is the opposite.
        let inkIsDark = palette == .darkOnLight
        let image = HalfBlockRenderingTests.halfRows(lines).map { row in row.map { $0 == inkIsDark } }
        #expect(try ZbarDecoder.decode(png: PNGWriter.image(of: image, quietZone: 0)) == Array(uri.utf8))
    }
}
