import Foundation
import GNAP
import TerminalSession
import TerminalUI

/// The list of past decisions.
enum HistoryScreen {
    /// Where the list is drawn: under the pane tabs, above the search line.
    static func listRect(size: Size) -> Rect { ScreenLayout(size: size).content.inset(top: 1, bottom: 1) }

    /// The search line: the field while typing, else the search's status.
    static func searchRect(size: Size) -> Rect {
        let content = ScreenLayout(size: size).content
        return content.row(content.height - 1)
    }

    static func listView(_ history: HistoryState, timeZone: TimeZone) -> ListView {
        let matches = Set(history.search.matches)
        let rows = history.records.enumerated().map { index, record in
            let approved = record.decision == .approved
            let counts =
                approved
                ? "\(record.grantedRights.count) granted, \(record.withheldRights.count) withheld"
                : "\(record.withheldRights.count) withheld"
            return ListView.Row(
                TimeText.format(record.decidedAt, in: timeZone, seconds: false) + "  " + record.clientName,
                detail: record.decision.rawValue + " · " + counts,
                style: matches.contains(index) ? .accent : .normal,
                detailStyle: approved ? .success : .danger)
        }
        return ListView(rows: rows, state: history.list, emptyText: "No decisions were taken at this terminal yet.")
    }

    static func draw(_ history: HistoryState, timeZone: TimeZone, size: Size, on canvas: inout Canvas) {
        let content = ScreenLayout(size: size).content
        PaneTabs.draw(selected: 0, in: content.row(0), on: &canvas)
        drawSearchLine(history.search, selection: history.list.selection, size: size, on: &canvas)
        if history.isLoading {
            canvas.draw(Label("Loading the history…", style: .muted), in: content.row(1))
        } else if let error = history.error {
            canvas.draw(Paragraph(error, style: .danger), in: content.inset(top: 1))
        } else {
            canvas.draw(listView(history, timeZone: timeZone), in: listRect(size: size))
        }
    }

    private static func drawSearchLine(_ search: SearchState, selection: Int?, size: Size, on canvas: inout Canvas) {
        let row = searchRect(size: size)
        if search.isTyping {
            canvas.put("/", at: Point(x: row.minX, y: row.minY), style: .accent, clip: row)
            canvas.draw(
                TextField(state: search.field, placeholder: "words to find, e.g. calendar denied"),
                in: row.inset(left: 1))
        } else if let status = search.status(selection: selection) {
            canvas.draw(Label(status, style: search.error == nil ? .muted : .danger), in: row)
        } else {
            canvas.draw(Label("/ searches every field of every decision", style: .muted), in: row)
        }
    }
}

/// One past decision with everything recorded.
enum HistoryDetailScreen {
    static func document(_ record: DecisionRecord, timeZone: TimeZone, size: Size) -> ScrollingDocument {
        ScrollingDocument(lines(record, timeZone: timeZone), in: ScreenLayout(size: size).content.inset(top: 1))
    }

    static func lines(_ record: DecisionRecord, timeZone: TimeZone) -> [DocumentLine] {
        let approved = record.decision == .approved
        var lines: [DocumentLine] = [
            .field(
                "Decision", record.decision.rawValue, style: approved ? .success : .danger, indent: 0, labelWidth: 12),
            .field("Decided at", TimeText.format(record.decidedAt, in: timeZone), indent: 0, labelWidth: 12),
            .field("Server", record.server, indent: 0, labelWidth: 12),
            .field("Grant", record.grantID, indent: 0, labelWidth: 12),
            .field("Client", record.clientName, indent: 0, labelWidth: 12),
        ]
        if let uri = record.clientURI { lines.append(.field("Address", uri, indent: 0, labelWidth: 12)) }
        lines.append(.field("Key", record.keyThumbprint, indent: 0, labelWidth: 12))
        if let reason = record.reason { lines.append(.field("Reason", reason, indent: 0, labelWidth: 12)) }
        lines.append(.blank)
        lines.append(DocumentLine("Rights granted", style: .title))
        lines += ResultScreen.bullets(record.grantedRights)
        lines.append(DocumentLine("Rights withheld", style: .title))
        lines += ResultScreen.bullets(record.withheldRights)
        lines.append(DocumentLine("Information about you released", style: .title))
        lines += ResultScreen.bullets(record.releasedSubject.map(SubjectFormatNames.title(of:)))
        return lines
    }
}
