import Testing

@testable import TerminalUI

/// OSC 52: the control sequence and its base64 (RFC 4648 §10 test vectors).
@Suite struct ClipboardSequenceTests {
    @Test func base64FollowsTheRFCVectors() {
        let vectors = [
            "": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
            "foobar": "Zm9vYmFy",
        ]
        for (text, encoded) in vectors { #expect(ClipboardSequence.base64(Array(text.utf8)) == encoded) }
        #expect(ClipboardSequence.base64([0xFB, 0xFF, 0xBF]) == "+/+/")
    }

    @Test func theSequenceCarriesTheUTF8OfTheText() {
        #expect(ClipboardSequence.osc52("g-4711") == "\u{1B}]52;c;Zy00NzEx\u{07}")
        #expect(ClipboardSequence.osc52("é") == "\u{1B}]52;c;w6k=\u{07}")
    }

    @Test func aBracketedPasteIsReadUpToItsEndMarker() {
        var content = BracketedPaste.Content()
        var result: String?
        for character in "http://x/\r\u{1B}[20\u{1B}[201~" { result = content.feed(character) ?? result }
        #expect(result == "http://x/\n\u{1B}[20")
    }
}
