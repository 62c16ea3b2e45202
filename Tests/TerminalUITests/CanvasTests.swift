import Testing

@testable import TerminalUI

@Suite struct CanvasTests {
    private func text(_ canvas: Canvas) -> String {
        VirtualTerminal.renderText(canvas)
    }

    @Test func putWritesTextAndReturnsColumnsUsed() {
        var canvas = Canvas(size: Size(width: 10, height: 2))
        #expect(canvas.put("hi", at: Point(x: 1, y: 0)) == 2)
        #expect(canvas.put("中文", at: Point(x: 0, y: 1)) == 4)
        #expect(text(canvas) == " hi\n中文")
        #expect(canvas[0, 1].character == "中")
        #expect(canvas[1, 1].isContinuation)
        #expect(canvas[2, 1].character == "文")
    }

    @Test func putClipsToCanvasAndClipRect() {
        var canvas = Canvas(size: Size(width: 6, height: 2))
        #expect(canvas.put("abcdefgh", at: Point(x: 2, y: 0)) == 4)
        canvas.put("xyz", at: Point(x: -2, y: 1))
        canvas.put("never", at: Point(x: 0, y: 5))
        canvas.put("never", at: Point(x: 0, y: -1))
        #expect(text(canvas) == "  abcd\nz")
        var clipped = Canvas(size: Size(width: 10, height: 1))
        let used = clipped.put("123456", at: Point(x: 1, y: 0), clip: Rect(x: 2, y: 0, width: 3, height: 1))
        #expect(text(clipped) == "  234")
        #expect(used == 4)  // advanced from x=1 to the clip's right edge at x=5
    }

    @Test func wideCharacterStraddlingAnEdgeBecomesASpace() {
        var canvas = Canvas(size: Size(width: 5, height: 2))
        canvas.put("ab中", at: Point(x: 2, y: 0))  // 中 would need columns 4 and 5
        #expect(text(canvas) == "  ab\n")
        #expect(!canvas[4, 0].isContinuation)
        canvas.put("中x", at: Point(x: -1, y: 1))  // left half outside
        #expect(text(canvas) == "  ab\n x")
        var clipped = Canvas(size: Size(width: 8, height: 1))
        clipped.put("日本語", at: .zero, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        #expect(text(clipped) == "日本")
        #expect(clipped[4, 0].character == " ")
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(size: Size(width: 6, height: 1))
        canvas.put("中中", at: .zero)
        canvas.put("x", at: Point(x: 1, y: 0))  // right half of the first 中
        #expect(text(canvas) == " x中")
        canvas.put("y", at: Point(x: 2, y: 0))  // left half of the second 中
        #expect(text(canvas) == " xy")
        #expect(canvas.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func controlCharactersAreDrawnAsPlaceholders() {
        var canvas = Canvas(size: Size(width: 10, height: 1))
        canvas.put("a\u{1B}[1mb", at: .zero)
        #expect(text(canvas) == "a�[1mb")
    }

    @Test func nothingCrashesOnDegenerateInput() {
        for size in [
            Size(width: 0, height: 0), Size(width: -3, height: 5), Size(width: 4, height: -1),
            Size(width: 1, height: 1),
        ] {
            var canvas = Canvas(size: size)
            canvas.put("中文テキスト", at: Point(x: -1, y: 0))
            canvas.put("x", at: Point(x: Int.max / 2, y: Int.max / 2))
            canvas.fill(Rect(x: -5, y: -5, width: 100, height: 100), with: "中", style: .danger)
            canvas.box(Rect(x: -1, y: -1, width: 3, height: 3), title: "t")
            canvas.horizontalLine(y: 0, x: -10, width: -4)
            canvas.draw(Paragraph("some text"), in: Rect(x: 0, y: 0, width: -2, height: 9))
            canvas.draw(
                ListView(rows: [.init("a")], state: ListViewState(selection: 7, scrollOffset: -3)), in: canvas.bounds)
            canvas.draw(BigText("ABC"), in: canvas.bounds)
            canvas.draw(Modal(title: "m", message: "x", buttons: ButtonBar(["OK"])), in: canvas.bounds)
            #expect(canvas.cells.count == max(0, size.width) * max(0, size.height))
        }
        #expect(Canvas(size: Size(width: 3, height: 3))[-1, 99] == Cell())
    }

    @Test func fillWithWideCharacterLeavesASpaceInAnOddLastColumn() {
        var canvas = Canvas(size: Size(width: 5, height: 1))
        canvas.fill(canvas.bounds, with: "中")
        #expect(text(canvas) == "中中")
        #expect(canvas[4, 0].character == " ")
    }

    @Test func boxDrawsUnicodeBordersAndATruncatedTitle() {
        var canvas = Canvas(size: Size(width: 12, height: 4))
        canvas.box(Rect(x: 0, y: 0, width: 12, height: 4), title: "A very long title")
        #expect(
            text(canvas) == """
                ┌ A very… ─┐
                │          │
                │          │
                └──────────┘
                """)
        #expect(canvas[0, 0].style == .border)
        #expect(canvas[2, 0].style == .title)
        var double = Canvas(size: Size(width: 4, height: 3))
        double.box(double.bounds, lines: .double)
        #expect(text(double) == "╔══╗\n║  ║\n╚══╝")
    }

    @Test func boxTitleIsSanitized() {
        var canvas = Canvas(size: Size(width: 20, height: 3))
        canvas.box(canvas.bounds, title: "\u{1B}[31mEvil")
        #expect(text(canvas).hasPrefix("┌ �Evil ─"))
    }

    @Test func restyleAndCursor() {
        var canvas = Canvas(size: Size(width: 3, height: 1))
        canvas.put("abc", at: .zero, style: .warning)
        canvas.restyle(Rect(x: 1, y: 0, width: 5, height: 1)) { $0.dimmed = true }
        #expect(canvas[0, 0].style == .warning)
        #expect(canvas[2, 0].style == Style(.warning, dimmed: true))
        #expect(canvas.cursor == nil)
    }
}
