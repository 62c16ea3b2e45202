import Foundation
import GNAP
import TerminalUI

/// Where everything of the review screen goes at a given size; `view` draws with it and `update` uses it for
/// scrolling and mouse clicks, so both always agree.
struct ReviewLayout {
    /// The whole document (client, rights, subject), laid out at the content width.
    var rows: [DocumentRow]
    /// The scrolling part of the content.
    var viewport: Rect
    /// The line between the document and the fixed footer.
    var separator: Rect
    /// The anti-phishing sentence.
    var reminder: Rect
    /// Where the countdown goes: beside the reminder, or beside the buttons on a short screen.
    var expiry: Rect
    /// The notice row (e.g. why approving was refused): its own row, or the separator on a short screen.
    var notice: Rect
    /// The row of the Approve and Deny buttons.
    var buttonRow: Rect
    var buttons: ButtonBar
    /// The names of the requested rights, for the line that says they are further down.
    var rightNames: [String]
    /// The anti-phishing sentence that fits `reminder`.
    var reminderText: String

    static let buttonTitles = ["Approve (a)", "Deny (d)"]
    /// Below this content height the footer takes three rows instead of four or more, so that the requested
    /// rights start on the first screen of a 60x18 terminal.
    static let compactHeight = 18

    init(review: ReviewState, description: ReviewDescription, now: WallInstant, size: Size) {
        let content = ScreenLayout(size: size).content
        let expiryText = ReviewDescription.expiryText(expiresAt: review.review.expiresAt, now: now)
        let expiryWidth = DisplayWidth.of(expiryText)
        let focused: Int? =
            switch review.focus {
            case .items: nil
            case .approveButton: 0
            case .denyButton: 1
            }
        buttons = ButtonBar(Self.buttonTitles, focusedIndex: focused, spacing: 6)
        if content.height < Self.compactHeight {
            // Separator (with the notice when there is one), the reminder on one line, the buttons and the countdown.
            let (top, footer) = content.splitVertical(bottom: 3)
            viewport = top
            separator = footer.row(0)
            notice = footer.row(0)
            reminder = footer.row(1)
            reminderText =
                DisplayWidth.of(ReviewDescription.antiPhishing) <= reminder.width
                ? ReviewDescription.antiPhishing : ReviewDescription.antiPhishingShort
            let (buttonsPart, expiryPart) = footer.row(2).splitHorizontal(right: expiryWidth)
            buttonRow = buttonsPart.inset(right: 1)
            expiry = expiryPart
        } else {
            let reminderWidth = max(1, content.width - expiryWidth - 2)
            let reminderHeight = max(1, Paragraph(ReviewDescription.antiPhishing).height(width: reminderWidth))
            let (top, footer) = content.splitVertical(bottom: 3 + reminderHeight)
            viewport = top
            separator = footer.row(0)
            let reminderRows = Rect(x: footer.minX, y: footer.minY + 1, width: footer.width, height: reminderHeight)
            let (text, countdown) = reminderRows.splitHorizontal(right: expiryWidth)
            reminder = text.inset(right: 2)
            reminderText = ReviewDescription.antiPhishing
            expiry = countdown.row(0)
            notice = footer.row(1 + reminderHeight)
            buttonRow = footer.row(2 + reminderHeight)
        }
        rightNames = description.rights.map(\.name)
        // On a short screen the blank lines between the sections go too (their headings stand out on their own).
        let lines = Self.lines(review: review, description: description)
        let compact = content.height < Self.compactHeight
        rows = Document.rows(compact ? lines.filter { $0 != .blank } : lines, width: viewport.width)
    }

    /// True when, at `scroll`, every requested right is below the viewport: its last row then says they are there
    /// (`rightsSummary`), so that a short screen always shows part of what is asked.
    func showsRightsSummary(scroll: Int) -> Bool {
        guard let first = rowRange(of: .right(0)) else { return false }
        return first.lowerBound >= clamped(scroll) + viewport.height
    }

    /// "↓ Access requested: photo-api, dolphin-metadata, …".
    var rightsSummary: String {
        "↓ " + ReviewDescription.rightsHeading + ": " + rightNames.joined(separator: ", ")
    }

    /// The rows of the document on screen at `scroll` (the summary line hides the last one).
    func visibleRows(scroll: Int) -> Range<Int> {
        let start = clamped(scroll)
        return start..<(start + viewport.height - (showsRightsSummary(scroll: scroll) ? 1 : 0))
    }

    /// The largest useful scroll offset.
    var maxScroll: Int { max(0, rows.count - viewport.height) }

    /// `scroll` clamped to the document.
    func clamped(_ scroll: Int) -> Int { min(max(0, scroll), maxScroll) }

    /// The rows of `item`, if it is in the document.
    func rowRange(of item: ReviewItem) -> ClosedRange<Int>? {
        guard let first = rows.firstIndex(where: { $0.item == item }),
            let last = rows.lastIndex(where: { $0.item == item })
        else { return nil }
        return first...last
    }

    /// The scroll offset closest to `scroll` that shows all of `item` (or its first row when it is taller than
    /// the viewport).
    func scroll(_ scroll: Int, revealing item: ReviewItem) -> Int {
        guard let range = rowRange(of: item) else { return clamped(scroll) }
        var offset = scroll
        if range.upperBound >= offset + viewport.height { offset = range.upperBound - viewport.height + 1 }
        if range.lowerBound < offset { offset = range.lowerBound }
        return clamped(offset)
    }

    /// The toggle drawn at `point`, if any.
    func item(at point: Point, scroll: Int) -> ReviewItem? {
        guard viewport.contains(point) else { return nil }
        let index = clamped(scroll) + point.y - viewport.minY
        return rows.indices.contains(index) ? rows[index].item : nil
    }

    /// The document: client block, the named user, rights with their toggles, subject and assertion formats with
    /// theirs.
    static func lines(review state: ReviewState, description: ReviewDescription) -> [DocumentLine] {
        var lines: [DocumentLine] = [
            DocumentLine(ReviewDescription.clientHeading, style: .title),
            DocumentLine(description.vettingLine, style: description.isVetted ? .vetted : .warning),
        ]
        for field in description.clientFields {
            let tag = field.provenance.tag.map { Span($0, style: field.provenance.style.bolded) }
            lines.append(.field(field.label, field.value, style: field.provenance.style, tag: tag))
        }
        lines.append(DocumentLine(description.requestedLine, prefix: [Span("  ")]))
        if let locales = description.localesLine { lines.append(DocumentLine(locales, prefix: [Span("  ")])) }
        if let user = description.namedUser {
            lines.append(.blank)
            lines.append(DocumentLine(ReviewDescription.userHeading, style: .title))
            lines.append(DocumentLine(user.verdict, style: user.isApprover ? .vetted : .warning, prefix: [Span("  ")]))
            for identifier in user.identifiers { lines.append(DocumentLine(identifier, prefix: [Span("    ")])) }
            if let note = user.ignoredNote { lines.append(DocumentLine(note, style: .muted, prefix: [Span("  ")])) }
        }
        lines.append(.blank)
        lines.append(DocumentLine(ReviewDescription.rightsHeading, style: .title))
        if description.rights.isEmpty {
            lines.append(DocumentLine("(no access rights requested)", style: .muted, prefix: [Span("  ")]))
        }
        for (index, right) in description.rights.enumerated() {
            if let heading = right.tokenHeading {
                lines.append(DocumentLine(heading, style: .accent, prefix: [Span("  ")]))
            }
            lines.append(toggleLine(state, .right(index), text: right.described, tag: right.descriptionTag))
            for field in right.details {
                lines.append(.field(field.label, field.value, indent: 8, labelWidth: 12, item: .right(index)))
            }
        }
        if description.hasSubjectSection {
            lines.append(.blank)
            lines.append(DocumentLine(ReviewDescription.subjectHeading, style: .title))
        }
        for (index, format) in description.subjectFormats.enumerated() {
            lines.append(toggleLine(state, .subjectFormat(index), text: format, tag: nil))
        }
        for (index, format) in description.assertionFormats.enumerated() {
            lines.append(toggleLine(state, .assertionFormat(index), text: format, tag: nil))
        }
        return lines
    }

    private static func toggleLine(_ state: ReviewState, _ item: ReviewItem, text: String, tag: Span?) -> DocumentLine {
        let isSelected = state.selectedItem == item
        let box = state.isIncluded(item) ? "[x] " : "[ ] "
        return DocumentLine(
            text, prefix: [Span(isSelected ? "› " : "  "), Span(box)], tag: tag, item: item,
            isHighlighted: isSelected && state.focus == .items)
    }
}

extension ReviewDescription.Right {
    /// The AS's description after the name, or a muted note that there is none.
    fileprivate var descriptionTag: Span? {
        isDescribed ? nil : Span(ReviewDescription.noDescription, style: .muted)
    }
}
