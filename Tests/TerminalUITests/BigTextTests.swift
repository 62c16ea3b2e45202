import TerminalUI
import Testing

@Suite struct BigTextTests {
    @Test func glyphsAreFiveRowsOfBlocks() {
        let big = BigText("A1-")
        #expect(
            big.rows == [
                " ███    █        ",
                "█   █  ██        ",
                "█████   █    ███ ",
                "█   █   █        ",
                "█   █  ███       ",
            ])
        #expect(big.size == Size(width: 17, height: 5))
    }

    @Test func everySupportedCharacterHasADistinctGlyph() {
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
        #expect(BigText.canRender(alphabet))
        #expect(BigText.canRender("abcd-efgh"))  // lower case drawn as upper case
        #expect(!BigText.canRender("AB?"))
        let glyphs = alphabet.map { BigText(String($0)).rows }
        #expect(Set(glyphs.map { $0.joined(separator: "\n") }).count == alphabet.count)
        #expect(glyphs.allSatisfy { rows in rows.count == 5 && rows.allSatisfy { $0.count == 5 } })
        #expect(glyphs.allSatisfy { rows in rows.joined().contains("█") })
    }

    @Test func fitsDecidesBetweenBlockLettersAndPlainText() {
        let code = BigText("WDJB-MJHT")
        #expect(code.size == Size(width: 53, height: 5))
        #expect(code.fits(in: Size(width: 53, height: 5)))
        #expect(!code.fits(in: Size(width: 52, height: 24)))
        #expect(!code.fits(in: Size(width: 80, height: 4)))
    }

    @Test func drawsCentredAndNothingWhenTooSmall() {
        var canvas = Canvas(size: Size(width: 9, height: 7))
        canvas.draw(BigText("I"), in: canvas.bounds)
        #expect(VirtualTerminal.renderText(canvas) == "\n  █████\n    █\n    █\n    █\n  █████\n")
        var tiny = Canvas(size: Size(width: 4, height: 7))
        tiny.draw(BigText("I"), in: tiny.bounds)
        #expect(tiny.cells.allSatisfy { $0.character == " " })
    }
}
