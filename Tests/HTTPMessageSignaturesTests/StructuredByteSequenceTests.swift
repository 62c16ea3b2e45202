import Foundation
import Testing

@testable import HTTPMessageSignatures

/// The table decoder of Byte Sequences must accept and refuse exactly what the Foundation round trip it replaced did.
@Suite("Byte Sequence decoding (RFC 9651 §4.2.7)")
struct StructuredByteSequenceTests {
    /// The decoder as it was: padding checks, then Foundation on the padded text.
    static func foundation(_ encoded: String) -> [UInt8]? {
        let bytes = Array(encoded.utf8)
        let content = bytes.prefix { $0 != UInt8(ascii: "=") }
        let padding = bytes.count - content.count
        guard padding <= 2, bytes[content.count...].allSatisfy({ $0 == UInt8(ascii: "=") }) else { return nil }
        guard content.count % 4 != 1, padding == 0 || bytes.count % 4 == 0 else { return nil }
        let padded =
            String(decoding: content, as: UTF8.self) + String(repeating: "=", count: (4 - content.count % 4) % 4)
        return Data(base64Encoded: padded).map { Array($0) }
    }

    @Test(arguments: [
        "", "=", "==", "A", "AA", "AA=", "AA==", "AA===", "AAA", "AAA=", "AAA==", "AAAA", "AAAA=", "QQ", "QR", "QR==",
        "QUI", "QUJ", "QUJD", "aGVsbG8=", "aGVsbG8", "aGVsbG8==", "aGVs bG8=", "a-b_", "A=A=", "=AAA", "AA=A",
        "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", "+/+/", "é", "AA\u{0}",
    ])
    func agreesOnEdgeCases(_ text: String) {
        #expect(StructuredByteSequence.decode(text) == Self.foundation(text), "\(text)")
    }

    @Test func agreesOnRandomInput() {
        var random = SplitMix64(seed: 4648)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let noise = Array("=-_ .:\t".utf8) + [0xC3, 0xA9]
        var decoded = 0
        for round in 0..<4000 {
            var text = (0..<Int.random(in: 0...90, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            if round % 2 == 0 {
                text += Array(repeating: UInt8(ascii: "="), count: Int.random(in: 0...3, using: &random))
            }
            if round % 7 == 0, !text.isEmpty {
                text[Int.random(in: 0..<text.count, using: &random)] = noise.randomElement(using: &random)!
            }
            let string = String(decoding: text, as: UTF8.self)
            let expected = Self.foundation(string)
            if expected != nil { decoded += 1 }
            #expect(StructuredByteSequence.decode(string) == expected, "\(string)")
        }
        // Both valid and invalid texts must have been compared.
        #expect(decoded > 1000 && decoded < 3800)
    }
}
