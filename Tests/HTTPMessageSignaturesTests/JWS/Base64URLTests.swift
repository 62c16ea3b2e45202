import Foundation
import HTTPMessageSignatures
import Testing

@Suite("Base64url (RFC 4648 §5), canonical decoding for JWS")
struct Base64URLTests {
    /// Foundation's base64 with the URL alphabet and no padding: an independent reference.
    static func reference(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    @Test func encodesLikeFoundationAndDecodesBackForEveryLength() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let encoded = Base64URL.encode(bytes)
            #expect(encoded == Self.reference(bytes), "length \(length)")
            #expect(Base64URL.decodeCanonical(encoded.utf8) == bytes, "length \(length)")
            #expect(Base64URL.decode(encoded) == bytes, "length \(length)")
        }
        // Every byte value and both alphabet-specific characters.
        let all = (0...255).map(UInt8.init)
        #expect(Base64URL.encode(all) == Self.reference(all))
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test func canonicalDecodingRefusesEverythingButTheOneEncoding() {
        #expect(Base64URL.decodeCanonical("".utf8) == [])
        #expect(Base64URL.decodeCanonical("AQ".utf8) == [1])
        // Padding, whitespace, the standard alphabet, a lone trailing character.
        for bad in ["AQ==", "AQ=", "A Q", "AQ\n", "+w", "/w", "A", "AQIDB", "AQ.", "Zm9v\u{E9}"] {
            #expect(Base64URL.decodeCanonical(bad.utf8) == nil, "\(bad)")
        }
        // Non-zero unused bits: "AR" and "AQ" would both decode to [1].
        #expect(Base64URL.decodeCanonical("AR".utf8) == nil)
        #expect(Base64URL.decodeCanonical("AQI".utf8) == [1, 2])
        #expect(Base64URL.decodeCanonical("AQJ".utf8) == nil)
        // The lenient decoder used for JWK members still takes padding.
        #expect(Base64URL.decode("AQ==") == [1])
    }
}
