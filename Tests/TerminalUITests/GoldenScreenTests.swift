import TerminalUI
import TerminalUITestSupport
import Testing

/// Whole screens at 80x24, compared with `Snapshots/*.txt` (re-record with RECORD_SNAPSHOTS=1).
@Suite struct GoldenScreenTests {
    private let screen = Size(width: 80, height: 24)

    private enum Command: Hashable, Sendable {
        case up, down, toggle, approve, deny, help, quit
    }

    private let keymap = Keymap<Command>([
        .init([.up, .character("k")], .up, help: "Previous right", group: "Review"),
        .init([.down, .character("j")], .down, help: "Next right", group: "Review"),
        .init([.space], .toggle, help: "Include or exclude the selected right", group: "Review"),
        .init([.character("a")], .approve, help: "Approve the included rights", group: "Decision"),
        .init([.character("d")], .deny, help: "Deny the request", group: "Decision"),
        .init([.character("?")], .help, help: "Show this help", group: "Global"),
        .init([.character("q"), .ctrl("c")], .quit, help: "Quit", group: "Global"),
    ])

    private func reviewScreen() -> Canvas {
        var canvas = Canvas(size: screen)
        let (body, status) = canvas.bounds.splitVertical(bottom: 1)
        canvas.draw(Frame(title: "Review access request"), in: body)
        let inner = Frame<EmptyWidget>.contentRect(in: body)
        let (intro, rest) = inner.splitVertical(top: 3)
        canvas.draw(
            Paragraph(
                "\u{1B}[32mPhoto Printer 写真\u{1B}[0m asks for access to your account. Review each right; "
                    + "only the ones marked [x] will be granted."),
            in: intro)
        let (listArea, bottom) = rest.inset(top: 1).splitVertical(bottom: 4)
        canvas.draw(
            ListView(
                rows: [
                    .init("Read photos in album “Holidays 🏖”", detail: "vetted", isChecked: true, detailStyle: .vetted),
                    .init("Write photos", detail: "self-asserted", isChecked: false, detailStyle: .selfAsserted),
                    .init(
                        "Delete photos", detail: "self-asserted", isChecked: false, style: .danger,
                        detailStyle: .selfAsserted),
                    .init("Your e-mail address (subject information)", isChecked: true),
                ],
                state: ListViewState(selection: 1),
                showsCheckboxes: true),
            in: listArea)
        canvas.draw(Paragraph("Code expires in", style: .muted, alignment: .center), in: bottom.row(0))
        canvas.draw(Countdown(remaining: .seconds(272)), in: bottom.row(1))
        canvas.draw(ButtonBar(["Approve", "Deny"], focusedIndex: 0), in: bottom.row(3))
        canvas.draw(
            StatusBar(
                "2 of 4 rights included", hints: keymap.hints([(.toggle, "toggle"), (.help, "help"), (.quit, "quit")])),
            in: status)
        return canvas
    }

    @Test func reviewScreenWithListButtonsAndStatusBar() {
        let canvas = reviewScreen()
        assertSnapshot(VirtualTerminal.renderText(canvas), named: "review-80x24")
        assertSnapshot(VirtualTerminal.renderStyledText(canvas), named: "review-80x24-styled")
    }

    @Test func deviceCodeScreenWithBlockLetters() {
        var canvas = Canvas(size: screen)
        canvas.draw(Frame(title: "Sign in this device", lines: .rounded), in: canvas.bounds)
        let inner = Frame<EmptyWidget>.contentRect(in: canvas.bounds)
        canvas.draw(
            Paragraph("On your phone or computer, run `gnapterm approve` and enter:", alignment: .center),
            in: inner.inset(top: 2))
        let code = BigText("WDJB-MJHT")
        let codeArea = inner.inset(top: 5).splitVertical(top: 5).top
        #expect(code.fits(in: codeArea.size))
        canvas.draw(code, in: codeArea)
        canvas.draw(Label("WDJB-MJHT", style: .accent, alignment: .center), in: inner.row(12))
        canvas.draw(Countdown(remaining: .seconds(45)), in: inner.row(14))
        canvas.draw(Paragraph("Waiting for approval…", style: .muted, alignment: .center), in: inner.row(16))
        assertSnapshot(VirtualTerminal.renderText(canvas), named: "device-code-80x24")
    }

    @Test func denyDialogWithReasonFieldOverTheReviewScreen() {
        var canvas = reviewScreen()
        let modal = Modal(
            title: "Deny access",
            message: "Photo Printer will be told that you refused. Optionally say why:\n\n\n",
            messageStyle: .normal,
            borderStyle: .danger,
            buttons: ButtonBar(["Deny", "Back"], focusedIndex: nil))
        canvas.draw(modal, in: canvas.bounds)
        let dialog = modal.dialogRect(in: canvas.bounds)
        var reason = TextFieldState()
        for character in "Did not ask for this 中文" { reason.handle(.character(character)) }
        canvas.draw(
            TextField(state: reason),
            in: Rect(x: dialog.minX + 2, y: dialog.minY + 5, width: dialog.width - 4, height: 1))
        assertSnapshot(VirtualTerminal.renderText(canvas), named: "deny-dialog-80x24")
        #expect(canvas.cursor == Point(x: dialog.minX + 2 + DisplayWidth.of(reason.text), y: dialog.minY + 5))
        #expect(canvas[0, 23].style.dimmed)  // the screen behind is dimmed
        #expect(!canvas[dialog.minX + 2, dialog.minY + 2].style.dimmed)
    }

    @Test func helpOverlayGeneratedFromTheKeymap() {
        var canvas = reviewScreen()
        canvas.draw(HelpOverlay(sections: keymap.helpSections, footer: "Esc or ? closes this help"), in: canvas.bounds)
        assertSnapshot(VirtualTerminal.renderText(canvas), named: "help-80x24")
    }
}
