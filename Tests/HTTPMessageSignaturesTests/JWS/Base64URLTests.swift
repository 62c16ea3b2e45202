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

    /// The lenient decoder (JWK members, cursors) answers what Foundation's base64 decoder gave for the same text
    /// with the URL alphabet mapped back: padding anywhere ignored, set trailing bits accepted, a lone character
    /// refused.
    @Test func lenientDecodingAgreesWithFoundation() {
        // The decoder as it was before it stopped going through Foundation.
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=".utf8)
        func foundation(_ text: String) -> [UInt8]? {
            guard text.utf8.allSatisfy(alphabet.contains) else { return nil }
            var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            standard = standard.replacingOccurrences(of: "=", with: "")
            let remainder = standard.utf8.count % 4
            if remainder == 1 { return nil }
            if remainder > 0 { standard += String(repeating: "=", count: 4 - remainder) }
            return Data(base64Encoded: standard).map { Array($0) }
        }
        #expect(Base64URL.decode("AR") == [1])
        #expect(Base64URL.decode("AQJ") == [1, 2])
        #expect(Base64URL.decode("A=Q") == [1])
        #expect(Base64URL.decode("A") == nil)
        #expect(Base64URL.decode("+w") == nil)
        #expect(Base64URL.decode("") == [])
        let characters = Array("AQRw-_=/+ .é".utf8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<12, using: &generator)
            let text = String(
                decoding: (0..<length).map { _ in characters.randomElement(using: &generator)! }, as: UTF8.self)
            #expect(Base64URL.decode(text) == foundation(text), "\(text)")
        }
    }
}
