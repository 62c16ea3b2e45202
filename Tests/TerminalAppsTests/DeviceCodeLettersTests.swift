import GNAP
import Testing

@testable import TerminalApps

/// The block letters of the device display: the glyph table and the layout of a code.
@Suite struct DeviceCodeLettersTests {
    @Test func everyCodeCharacterAndTheDashHasAGlyphOfFourByFive() {
        for character in UserCode.alphabet + ["-"] {
            let glyph = DeviceCodeFont.glyph(for: character)
            #expect(glyph?.count == 5, "\(character)")
            #expect(glyph?.allSatisfy { $0.count == 4 && $0.allSatisfy { $0 == "#" || $0 == " " } } == true)
        }
        // Nothing outside the alphabet: the letters Crockford's base 32 leaves out, and punctuation.
        for character: Character in ["I", "L", "O", "U", "?", " ", "_"] {
            #expect(DeviceCodeFont.glyph(for: character) == nil, "\(character)")
        }
        #expect(DeviceCodeFont.glyphs.count == UserCode.alphabet.count + 1)
    }

    @Test func noTwoGlyphsLookTheSame() {
        let glyphs = DeviceCodeFont.glyphs
        #expect(Set(glyphs.values).count == glyphs.count)
    }

    @Test func aCodeIsFortyFourColumnsWithOneColumnBetweenLetters() {
        let letters = DeviceCodeLetters("WDJB-MJHT")
        #expect(letters.isDrawable)
        #expect(letters.width == 44)
        #expect(letters.rows.count == 5)
        #expect(letters.rows.allSatisfy { $0.count == 44 })
        #expect(
            letters.rows
                == [
                    "#  # ###     # ###       #  #    # #  # ####",
                    "#  # #  #    # #  #      ####    # #  #  ## ",
                    "#### #  #    # ###  ###  ####    # ####  ## ",
                    "#### #  # #  # #  #      #  # #  # #  #  ## ",
                    "#  # ###   ##  ###       #  #  ##  #  #  ## ",
                ].map { $0.replacingOccurrences(of: "#", with: "█") })
        #expect(letters.fits(columns: 44, lines: 5))
        #expect(!letters.fits(columns: 43, lines: 5))
        #expect(!letters.fits(columns: 80, lines: 4))
    }

    @Test func lowerCaseIsDrawnAsUpperCase() {
        #expect(DeviceCodeLetters("wdjb-mjht").rows == DeviceCodeLetters("WDJB-MJHT").rows)
    }

    @Test func aCharacterWithoutAGlyphMakesTheCodeUndrawable() {
        let letters = DeviceCodeLetters("ABCD-EFGI")
        #expect(!letters.isDrawable)
        #expect(letters.rows.isEmpty)
        #expect(!letters.fits(columns: 200, lines: 20))
        #expect(!DeviceCodeLetters("").isDrawable)
    }
}
