import GNAP
import TerminalUI

/// The lines of the device display's text column, before layout: what to read, in order, each with how readily it
/// is dropped when the screen is short.
struct DeviceScreenText {
    /// One line, or the block letters of the code.
    enum Content: Equatable {
        case text(String, Style)
        case letters(DeviceCodeLetters)
        case blank
    }

    /// How readily a line goes when space runs out: `required` never, then `hint` first, `spacing` next, `extra`
    /// last.
    enum Priority: Int, Comparable {
        case required = 0
        case extra = 1
        case spacing = 2
        case hint = 3

        static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Line: Equatable {
        var content: Content
        var priority: Priority
        var height: Int {
            if case .letters = content { return DeviceCodeLetters.height }
            return 1
        }
    }

    let state: DeviceScreenState

    /// The lines for a column `width` wide, with the code in block letters or not and with or without a QR code
    /// beside them (`qrHidden`: there is one but it did not fit, which a note says).
    func lines(width: Int, letters: Bool, qrShown: Bool, qrHidden: Bool) -> [Line] {
        var lines: [Line] = []
        func add(
            _ text: String, _ style: Style = .normal, _ priority: Priority = .required, breakAnywhere: Bool = false
        ) {
            let wrapped = breakAnywhere ? Self.hardWrap(text, width: width) : DisplayWidth.wrap(text, width: width)
            lines += wrapped.map { Line(content: .text($0, style), priority: priority) }
        }
        func blank() { lines.append(Line(content: .blank, priority: .spacing)) }
        let server = TextSanitizer.sanitize(state.serverURL)
        guard let interaction = state.interaction else {
            add("Asking " + server + " for access…")
            return lines
        }
        let link = (interaction.redirect ?? interaction.app).map { TextSanitizer.sanitize($0) }
        if let approver = interaction.approver.map({ TextSanitizer.sanitize($0) }) {
            // An asynchronous request (RFC 9635 §1.6.3): nothing to enter here.
            add("Waiting for \(approver) to approve on their terminal.")
            blank()
            add("The request is in their inbox (gnapterm approve --watch); there is no code to enter here.", .muted)
        }
        if let code = interaction.userCode.map({ TextSanitizer.sanitize($0) }) {
            add("To let this device in, enter this code:")
            blank()
            let big = DeviceCodeLetters(code)
            if letters, big.isDrawable {
                lines.append(Line(content: .letters(big), priority: .required))
                // Also as text: to check a letter against, and for screen readers and terminal copy.
                add(code, .muted, .extra)
            } else {
                add(code, Style.title.bolded)
            }
            blank()
            if let uri = interaction.userCodeURI.map({ TextSanitizer.sanitize($0) }) {
                add("at")
                add(uri, .accent, breakAnywhere: true)
            }
            if qrShown { add("or scan the QR code.", .muted, .extra) }
            blank()
            add("From a terminal:", .muted, .extra)
            add("gnapterm approve --as " + server, .muted, .extra, breakAnywhere: true)
            if let link {
                add("or open the request directly:", .muted, .extra)
                add(link, .muted, .extra, breakAnywhere: true)
            }
            add(Self.copyHint(code: true, link: link != nil || interaction.userCodeURI != nil), .muted, .hint)
        } else if let link {
            add("To let this device in, open this link:")
            blank()
            add(link, .accent, breakAnywhere: true)
            if qrShown { add("or scan the QR code.", .muted, .extra) }
            blank()
            add("From a terminal:", .muted, .extra)
            add("gnapterm approve --as " + server + " " + link, .muted, .extra, breakAnywhere: true)
            add(Self.copyHint(code: false, link: true), .muted, .hint)
        }
        blank()
        let remaining = state.now.duration(to: interaction.expiresAt)
        let countdown = Countdown(remaining: remaining)
        add(
            remaining > .zero
                ? "Expires in " + countdown.text
                : (state.usesCode ? "The code" : interaction.approver != nil ? "The request" : "The link")
                    + " has expired", countdown.style)
        // Said even on the smallest screens: the person may look for the QR code the device is known to show.
        if qrHidden { add("(no room for the QR code)", .muted) }
        return lines
    }

    /// What the copy keys copy (OSC 52: the text reaches the clipboard of the terminal in front of the person).
    static func copyHint(code: Bool, link: Bool) -> String {
        let keys = (code ? ["y code"] : []) + (link ? ["l link"] : []) + ["c command"]
        return "Copy: " + keys.joined(separator: ", ")
    }

    /// `lines` without the most droppable lines until they fit `height` rows; nil when even the required ones
    /// do not.
    static func fitting(_ lines: [Line], height: Int) -> [Line]? {
        var kept = lines
        var level = Priority.hint
        while kept.reduce(0, { $0 + $1.height }) > height {
            guard level > .required else { return nil }
            kept.removeAll { $0.priority == level }
            level = Priority(rawValue: level.rawValue - 1) ?? .required
        }
        return kept
    }

    /// Cuts `text` into pieces of at most `width` columns wherever needed (for URLs, which have no spaces to wrap at).
    static func hardWrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let piece = DisplayWidth.truncate(String(rest), toWidth: width, ellipsis: "")
            let taken = piece.isEmpty ? String(rest.prefix(1)) : piece
            lines.append(taken)
            rest = rest.dropFirst(taken.count)
        }
        return lines
    }
}
