import Testing

@testable import QRCode

@Suite("QRCode API")
struct QRCodeTests {
    @Test("the smallest version that holds the data, at the requested level")
    func smallestVersion() throws {
        #expect(try QRCode(encoding: "", errorCorrection: .high).version == 1)
        #expect(try QRCode(encoding: Payloads.bytes(count: 14), errorCorrection: .medium).version == 1)
        #expect(try QRCode(encoding: Payloads.bytes(count: 15), errorCorrection: .medium).version == 2)
        #expect(try QRCode(encoding: Payloads.bytes(count: 1273), errorCorrection: .high).version == 40)
        let code = try QRCode(encoding: "https://as.example/gnap/device?code=1", errorCorrection: .low)
        #expect(code.version == 3)
        #expect(code.errorCorrection == .low)
        #expect(code.size == 29)
        #expect(code.modules.count == 29 && code.modules.allSatisfy { $0.count == 29 })
        #expect(code[0, 0] && code[28, 0] && code[0, 28] && !code[7, 7])
    }

    @Test("text is encoded as its UTF-8 bytes; medium is the default level")
    func text() throws {
        let text = "Grant ✓ 🔑"
        #expect(try QRCode(encoding: text) == QRCode(encoding: Array(text.utf8), errorCorrection: .medium))
    }

    @Test("a minimum version, a maximum version and a forced mask are honoured")
    func options() throws {
        #expect(try QRCode(encoding: "a", minimumVersion: 12).version == 12)
        #expect(try QRCode(encoding: "a", minimumVersion: 40, maximumVersion: 40).size == 177)
        for mask in MaskPattern.references {
            #expect(try QRCode(encoding: "a", mask: mask).mask == mask)
        }
    }

    @Test("data longer than version 40 holds throws dataTooLong", arguments: QRCode.ErrorCorrection.allCases)
    func tooLong(level: QRCode.ErrorCorrection) throws {
        let capacity = QRCode.byteCapacity(version: 40, errorCorrection: level)
        #expect(try QRCode(encoding: Payloads.bytes(count: capacity), errorCorrection: level).version == 40)
        let error = #expect(throws: QRCodeError.dataTooLong) {
            try QRCode(encoding: Payloads.bytes(count: capacity + 1), errorCorrection: level)
        }
        #expect(
            error?.description
                == "\(capacity + 1) bytes do not fit in a QR code: version 40 holds at most \(capacity) bytes "
                + "at error-correction level \(level.letter)")
    }

    @Test("data longer than the maximum version holds throws dataTooLong")
    func tooLongForMaximum() {
        let error = #expect(throws: QRCodeError.dataTooLong) {
            try QRCode(encoding: Payloads.bytes(count: 27), errorCorrection: .medium, maximumVersion: 2)
        }
        #expect(
            error?.description
                == "27 bytes do not fit in a QR code: version 2 holds at most 26 bytes at error-correction level M")
    }

    @Test("versions outside 1...40 and masks outside 0...7 are refused")
    func invalidArguments() {
        #expect(throws: QRCodeError.versionOutOfRange) { try QRCode(encoding: "a", minimumVersion: 0) }
        #expect(throws: QRCodeError.versionOutOfRange) { try QRCode(encoding: "a", maximumVersion: 41) }
        #expect(throws: QRCodeError.versionOutOfRange) {
            try QRCode(encoding: "a", minimumVersion: 9, maximumVersion: 8)
        }
        let error = #expect(throws: QRCodeError.maskOutOfRange) { try QRCode(encoding: "a", mask: 8) }
        #expect(error?.description == "QR code mask patterns are 0...7 (8 requested)")
        #expect(QRCodeError.dataTooLong != QRCodeError.maskOutOfRange)
    }
}
