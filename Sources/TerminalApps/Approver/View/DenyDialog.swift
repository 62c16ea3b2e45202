import TerminalUI

/// The modal that asks why the request is denied.
struct DenyDialog {
    var modal: Modal
    var body: Rect
    var buttons: ButtonBar
    var buttonRow: Rect

    static let buttonTitles = ["Deny", "Back (Esc)"]
    /// Rows of the body: question, presets, blank, field label, field, error.
    static let bodyHeight = 3 + DenialState.presets.count + 2

    init(size: Size) {
        let bounds = Rect(size: size)
        buttons = ButtonBar(Self.buttonTitles, focusedIndex: nil, spacing: 6)
        modal = Modal(
            title: "Deny this request", message: String(repeating: "\n", count: Self.bodyHeight - 1),
            borderStyle: .danger, buttons: buttons, preferredWidth: min(64, size.width - 2))
        body = modal.dialogRect(in: bounds).inset(top: 2, left: 2, bottom: 4, right: 2)
        buttonRow = modal.buttonRect(in: bounds)
    }

    /// The row of preset `index`.
    func presetRow(_ index: Int) -> Rect { body.row(1 + index) }

    var fieldRow: Rect { body.row(DenialState.presets.count + 3) }

    /// The preset drawn at `point`, if any.
    func preset(at point: Point) -> Int? {
        DenialState.presets.indices.first { presetRow($0).contains(point) }
    }

    func draw(_ denial: DenialState, on canvas: inout Canvas) {
        canvas.draw(modal, in: canvas.bounds)
        canvas.draw(Label("Why do you deny it? A reason is required.", style: .title), in: body.row(0))
        for (index, preset) in DenialState.presets.enumerated() {
            let chosen = denial.choice == index
            let row = presetRow(index)
            if chosen { canvas.fill(row, style: .selected) }
            canvas.draw(Label((chosen ? "(•) " : "( ) ") + preset, style: chosen ? .selected : .normal), in: row)
        }
        let fieldLabel = denial.choice == DenialState.presets.count - 1 ? "Your reason:" : "Details (optional):"
        canvas.draw(Label(fieldLabel, style: .muted), in: body.row(DenialState.presets.count + 2))
        canvas.draw(TextField(state: denial.details, placeholder: "type here"), in: fieldRow)
        if let error = denial.error {
            canvas.draw(Label(error, style: .danger), in: body.row(DenialState.presets.count + 4))
        }
    }
}
