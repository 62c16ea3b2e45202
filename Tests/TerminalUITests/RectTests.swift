import TerminalUI
import Testing

@Suite struct RectTests {
    @Test func negativeSizesClampToZero() {
        let rect = Rect(x: 2, y: 3, width: -4, height: 5)
        #expect(rect.width == 0)
        #expect(rect.isEmpty)
        #expect(!rect.contains(Point(x: 2, y: 3)))
    }

    @Test func insetAndSplits() {
        let rect = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(rect.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(rect.inset(by: 50).isEmpty)
        let (top, bottom) = rect.splitVertical(top: 3)
        #expect(top == Rect(x: 0, y: 0, width: 80, height: 3))
        #expect(bottom == Rect(x: 0, y: 3, width: 80, height: 21))
        #expect(rect.splitVertical(bottom: 1).bottom == Rect(x: 0, y: 23, width: 80, height: 1))
        #expect(rect.splitVertical(top: 100).bottom.isEmpty)
        let (left, right) = rect.splitHorizontal(left: 20)
        #expect(left.width == 20 && right.x == 20 && right.width == 60)
        #expect(rect.splitHorizontal(right: 10).right == Rect(x: 70, y: 0, width: 10, height: 24))
        #expect(rect.splitHorizontal(left: -5).left.isEmpty)
    }

    @Test func centeredAndIntersection() {
        let rect = Rect(x: 10, y: 10, width: 20, height: 10)
        #expect(rect.centered(Size(width: 10, height: 4)) == Rect(x: 15, y: 13, width: 10, height: 4))
        #expect(rect.centered(Size(width: 50, height: 50)) == rect)
        #expect(rect.intersection(Rect(x: 0, y: 0, width: 15, height: 15)) == Rect(x: 10, y: 10, width: 5, height: 5))
        #expect(rect.intersection(Rect(x: 0, y: 0, width: 5, height: 5)).isEmpty)
        #expect(rect.row(2) == Rect(x: 10, y: 12, width: 20, height: 1))
        #expect(rect.row(10).isEmpty)
    }
}
