import Foundation
import GNAP
import TerminalUI

/// The list of past decisions.
enum HistoryScreen {
    /// Where the list is drawn.
    static func listRect(size: Size) -> Rect { ScreenLayout(size: size).content.inset(top: 1) }

    static func listView(_ history: HistoryState, timeZone: TimeZone) -> ListView {
        let rows = history.records.map { record in
            let approved = record.decision == .approved
            let counts =
                approved
                ? "\(record.grantedRights.count) granted, \(record.withheldRights.count) withheld"
                : "\(record.withheldRights.count) withheld"
            return ListView.Row(
                TimeText.format(record.decidedAt, in: timeZone, seconds: false) + "  " + record.clientName,
                detail: record.decision.rawValue + " · " + counts,
                detailStyle: approved ? .success : .danger)
        }
        return ListView(rows: rows, state: history.list, emptyText: "No decisions were taken at this terminal yet.")
    }

    static func draw(_ history: HistoryState, timeZone: TimeZone, size: Size, on canvas: inout Canvas) {
        let content = ScreenLayout(size: size).content
        if history.isLoading {
            canvas.draw(Label("Loading the history…", style: .muted), in: content.row(1))
        } else if let error = history.error {
            canvas.draw(Paragraph(error, style: .danger), in: content.inset(top: 1))
        } else {
            canvas.draw(listView(history, timeZone: timeZone), in: listRect(size: size))
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
