import GNAP
import QRCode
import TerminalUI

/// Draws the device display at any size: a title row, the text column (the code in block letters when they fit,
/// where to enter it, a countdown), the QR code beside or below it when it fits (else a note), and the status bar.
/// The layout is chosen afresh for every size, so a resize reflows.
struct DeviceScreenView {
    let state: DeviceScreenState

    /// Where things go on one screen size.
    struct Layout: Equatable {
        /// The text column.
        var text: Rect
        var lines: [DeviceScreenText.Line]
        /// The QR code's top-left corner and its rows, when shown.
        var qr: (origin: Point, rows: [String])?

        static func == (lhs: Layout, rhs: Layout) -> Bool {
            lhs.text == rhs.text && lhs.lines == rhs.lines && lhs.qr?.origin == rhs.qr?.origin
                && lhs.qr?.rows == rhs.qr?.rows
        }
    }

    /// Quiet zones tried, widest first: 4 modules is the standard's; 2 still scans on a screen.
    static let quietZones = [4, 2]
    /// Columns between the text and the QR code.
    static let gap = 2
    /// Narrowest text column worth putting beside a QR code.
    static let minimumTextWidth = 24

    func canvas(size: Size) -> Canvas {
        var canvas = Canvas(size: size)
        guard size.width > 0, size.height > 0 else { return canvas }
        drawTitle(on: &canvas, width: size.width)
        if size.height >= 2 {
            // The status first: hints only as far as they fit beside all of it (giving up is always shown).
            let status = state.status.text(
                now: state.now, usesCode: state.usesCode, approver: state.interaction?.approver)
            var hints = DeviceScreen.hints
            func width(_ hints: [StatusBar.Hint]) -> Int {
                hints.map { DisplayWidth.of("\($0.key) \($0.label)") + 2 }.reduce(0, +)
            }
            while hints.count > 1, DisplayWidth.of(status) + 3 + width(hints) > size.width { hints.removeLast() }
            let bar =
                state.notice.map { StatusBar($0, style: Style.statusBar.bolded) }
                ?? StatusBar(status, style: state.status.style, hints: state.status.isFinal ? [] : hints)
            canvas.draw(bar, in: Rect(x: 0, y: size.height - 1, width: size.width, height: 1))
        }
        let body = Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 2))
        guard body.height > 0 else { return canvas }
        let layout = layout(in: body)
        var y = layout.text.minY
        for line in layout.lines {
            switch line.content {
            case .text(let text, let style):
                canvas.put(text, at: Point(x: layout.text.minX, y: y), style: style, clip: layout.text)
            case .letters(let letters):
                for (index, row) in letters.rows.enumerated() {
                    canvas.put(row, at: Point(x: layout.text.minX, y: y + index), style: .title, clip: layout.text)
                }
            case .blank: break
            }
            y += line.height
        }
        if let qr = layout.qr {
            for (index, row) in qr.rows.enumerated() {
                // Black on white, quiet zone included, whatever the terminal's colours (see `StyleRole.symbol`).
                canvas.put(row, at: Point(x: qr.origin.x, y: qr.origin.y + index), style: .symbol)
            }
        }
        return canvas
    }

    private func drawTitle(on canvas: inout Canvas, width: Int) {
        let row = Rect(x: 0, y: 0, width: width, height: 1)
        let title = " gnapterm device"
        let used = canvas.put(title, at: Point(x: 0, y: 0), style: Style.title.bolded, clip: row)
        let server = TextSanitizer.sanitize(state.serverURL) + " "
        let serverWidth = DisplayWidth.of(server)
        if used + 2 + serverWidth <= width {
            canvas.put(server, at: Point(x: width - serverWidth, y: 0), style: .muted, clip: row)
        }
    }

    /// The first arrangement that fits `body`, in order of preference: the code in block letters with the QR code
    /// beside or below it, the block letters alone, plain text with the QR code, plain text alone.
    func layout(in body: Rect) -> Layout {
        let text = DeviceScreenText(state: state)
        let column = body.inset(left: 1, right: 1)
        let qrCandidates: [[String]] =
            state.qrCode.map { code in
                Self.quietZones.map { code.halfBlockLines(quietZone: $0, palette: .darkOnLight) }
            } ?? []
        for letters in [true, false] {
            for rows in qrCandidates {
                let qrWidth = rows.first.map(DisplayWidth.of) ?? 0
                // Beside: the QR code at the right edge (its quiet zone is its margin), text in what is left.
                let sideWidth = body.width - 1 - Self.gap - qrWidth
                if rows.count <= body.height, sideWidth >= Self.minimumTextWidth,
                    let lines = fit(text, width: sideWidth, height: body.height, letters: letters, qrShown: true)
                {
                    let origin = Point(x: body.maxX - qrWidth, y: body.minY + (body.height - rows.count) / 2)
                    return Layout(
                        text: Rect(x: column.minX, y: body.minY, width: sideWidth, height: body.height),
                        lines: lines, qr: (origin, rows))
                }
                // Below: the text on top, the QR code centred under it.
                let textHeight = body.height - rows.count
                if qrWidth <= body.width, textHeight > 0,
                    let lines = fit(text, width: column.width, height: textHeight, letters: letters, qrShown: true)
                {
                    let used = lines.reduce(0) { $0 + $1.height }
                    let origin = Point(x: body.minX + (body.width - qrWidth) / 2, y: body.minY + used)
                    return Layout(
                        text: Rect(x: column.minX, y: body.minY, width: column.width, height: used), lines: lines,
                        qr: (origin, rows))
                }
            }
            let qrHidden = !qrCandidates.isEmpty
            if let lines = fit(text, width: column.width, height: body.height, letters: letters, qrHidden: qrHidden) {
                return Layout(text: column, lines: lines, qr: nil)
            }
        }
        // Nothing fits whole: the required lines, clipped by the screen.
        let lines = text.lines(width: column.width, letters: false, qrShown: false, qrHidden: false)
        return Layout(text: column, lines: lines.filter { $0.priority == .required }, qr: nil)
    }

    private func fit(
        _ text: DeviceScreenText, width: Int, height: Int, letters: Bool, qrShown: Bool = false, qrHidden: Bool = false
    ) -> [DeviceScreenText.Line]? {
        guard width > 0 else { return nil }
        let lines = text.lines(width: width, letters: letters, qrShown: qrShown, qrHidden: qrHidden)
        // Block letters wider than the column do not count as fitting (the caller then tries plain text).
        for line in lines {
            if case .letters(let big) = line.content, big.width > width { return nil }
        }
        return DeviceScreenText.fitting(lines, height: height)
    }
}
