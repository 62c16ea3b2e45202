import TerminalUI
import Testing

@Suite struct ListViewTests {
    private let rows = (0..<20).map { ListView.Row("Row \($0)") }

    @Test func movingDownScrollsJustEnoughToKeepTheSelectionVisible() {
        var state = ListViewState()
        for _ in 0..<4 { state.move(by: 1, rowCount: 20, visibleRows: 5) }
        #expect(state.selection == 4)
        #expect(state.scrollOffset == 0)
        state.move(by: 1, rowCount: 20, visibleRows: 5)
        #expect(state.selection == 5)
        #expect(state.scrollOffset == 1)
        state.selectLast(rowCount: 20, visibleRows: 5)
        #expect(state.selection == 19)
        #expect(state.scrollOffset == 15)
        state.move(by: -7, rowCount: 20, visibleRows: 5)
        #expect(state.selection == 12)
        #expect(state.scrollOffset == 12)
        state.page(rowCount: 20, visibleRows: 5)
        #expect(state.selection == 16)
        state.page(up: true, rowCount: 20, visibleRows: 5)
        #expect(state.selection == 12)
        state.move(by: -100, rowCount: 20, visibleRows: 5)
        #expect(state.selection == 0 && state.scrollOffset == 0)
    }

    @Test func drawingKeepsTheSelectionVisibleWhateverTheStoredOffset() {
        // The stored offset was computed for a taller viewport; drawn in 3 rows, row 9 must still show.
        let state = ListViewState(selection: 9, scrollOffset: 0)
        var canvas = Canvas(size: Size(width: 20, height: 3))
        canvas.draw(ListView(rows: rows, state: state), in: canvas.bounds)
        let text = VirtualTerminal.renderText(canvas)
        #expect(text.contains("› Row 9"))
        #expect(state.visibleOffset(rowCount: 20, visibleRows: 3) == 7)
        #expect(text.split(separator: "\n").first?.hasPrefix("  Row 7") == true)
    }

    @Test func selectedRowIsHighlightedAndScrollIndicatorsShow() {
        var canvas = Canvas(size: Size(width: 20, height: 4))
        canvas.draw(ListView(rows: rows, state: ListViewState(selection: 5, scrollOffset: 3)), in: canvas.bounds)
        let styled = VirtualTerminal.renderStyledText(canvas)
        #expect(styled.contains("⟦selected⟧› Row 5"))
        #expect(VirtualTerminal.renderText(canvas).split(separator: "\n").first?.hasSuffix("▲") == true)
        #expect(VirtualTerminal.renderText(canvas).split(separator: "\n").last?.hasSuffix("▼") == true)
    }

    @Test func checkboxColumnAndDetail() {
        let list = ListView(
            rows: [
                ListView.Row("read photos", detail: "vetted", isChecked: true),
                ListView.Row("write photos", isChecked: false),
                ListView.Row("(info)"),
            ],
            state: ListViewState(selection: 1),
            showsCheckboxes: true)
        var canvas = Canvas(size: Size(width: 30, height: 3))
        canvas.draw(list, in: canvas.bounds)
        #expect(
            VirtualTerminal.renderText(canvas) == """
                  [x] read photos       vetted
                › [ ] write photos
                      (info)
                """)
    }

    @Test func rowAtScreenYAccountsForScrollAndOrigin() {
        let list = ListView(rows: rows, state: ListViewState(selection: 12, scrollOffset: 10))
        let rect = Rect(x: 2, y: 5, width: 20, height: 4)  // shows rows 10...13
        #expect(list.row(atScreenY: 5, in: rect) == 10)
        #expect(list.row(atScreenY: 8, in: rect) == 13)
        #expect(list.row(atScreenY: 4, in: rect) == nil)
        #expect(list.row(atScreenY: 9, in: rect) == nil)
        let short = ListView(rows: Array(rows.prefix(2)), state: ListViewState())
        #expect(short.row(atScreenY: 6, in: rect) == 1)
        #expect(short.row(atScreenY: 7, in: rect) == nil)  // below the last row
    }

    @Test func emptyListShowsItsEmptyText() {
        var state = ListViewState()
        state.move(by: 1, rowCount: 0, visibleRows: 5)
        #expect(state.selection == nil)
        var canvas = Canvas(size: Size(width: 20, height: 2))
        canvas.draw(ListView(rows: [], state: state, emptyText: "No requests"), in: canvas.bounds)
        #expect(VirtualTerminal.renderText(canvas) == "No requests\n")
    }

    @Test func rowTextIsSanitized() {
        var canvas = Canvas(size: Size(width: 30, height: 1))
        canvas.draw(ListView(rows: [.init("\u{1B}[2JClient")], state: ListViewState()), in: canvas.bounds)
        #expect(VirtualTerminal.renderText(canvas) == "› �Client")
    }
}
