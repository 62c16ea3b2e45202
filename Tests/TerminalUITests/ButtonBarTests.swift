import TerminalUI
import Testing

@Suite struct ButtonBarTests {
    @Test func buttonsHaveEqualWidthAndAreCentred() {
        let bar = ButtonBar(["Approve", "Deny"], focusedIndex: 0)
        let rect = Rect(x: 0, y: 0, width: 40, height: 1)
        let rects = bar.buttonRects(in: rect)
        #expect(rects.count == 2)
        #expect(rects[0].width == rects[1].width)
        #expect(rects[0].width == 11)  // longest title + 4
        #expect(
            rects[0].minX - rect.minX == rect.maxX - rects[1].maxX || abs((rects[0].minX) - (40 - rects[1].maxX)) <= 1)
        var canvas = Canvas(size: Size(width: 40, height: 1))
        canvas.draw(bar, in: rect)
        #expect(VirtualTerminal.renderText(canvas) == "        ▸Approve◂       Deny")
        let styled = VirtualTerminal.renderStyledText(canvas)
        #expect(styled.contains("⟦buttonFocused⟧ ▸Approve◂ ⟦normal⟧   ⟦button⟧"))
    }

    @Test func hitTestingFindsTheButtonUnderThePoint() {
        let bar = ButtonBar(["Approve", "Deny", "Cancel"])
        let rect = Rect(x: 5, y: 10, width: 60, height: 1)
        let rects = bar.buttonRects(in: rect)
        #expect(bar.button(at: Point(x: rects[1].minX, y: 10), in: rect) == 1)
        #expect(bar.button(at: Point(x: rects[2].maxX - 1, y: 10), in: rect) == 2)
        #expect(bar.button(at: Point(x: rects[0].maxX, y: 10), in: rect) == nil)  // the gap
        #expect(bar.button(at: Point(x: rects[0].minX, y: 11), in: rect) == nil)  // another row
    }

    @Test func narrowSpaceShrinksButtonsEqually() {
        let bar = ButtonBar(["Approve all", "Deny"])
        let rects = bar.buttonRects(in: Rect(x: 0, y: 0, width: 15, height: 1))
        #expect(rects[0].width == rects[1].width)
        #expect(rects.allSatisfy { $0.maxX <= 15 })
    }
}
