import GNAP
import TerminalUI

/// The outcome of a decision.
enum ResultScreen {
    static func title(_ result: DecisionResult) -> String {
        switch result.outcome {
        case .approved: "Approved"
        case .denied: "Denied"
        case .failed: "Decision not recorded"
        }
    }

    static func lines(_ result: DecisionResult) -> [DocumentLine] {
        var lines: [DocumentLine] = []
        switch result.outcome {
        case .approved:
            lines.append(DocumentLine("✓ Approved", style: Style.success.bolded))
            lines.append(DocumentLine("The device can now fetch its access token."))
            lines.append(.field("Grant", result.grantID, indent: 0))
            lines += finishLines(result.finish)
            lines.append(.blank)
            lines.append(DocumentLine("Granted", style: .title))
            lines += bullets(result.summary.granted.map(\.displaySummary))
            if !result.summary.releasedInformation.isEmpty {
                lines.append(DocumentLine("Information about you released", style: .title))
                lines += bullets(result.summary.releasedInformation)
            }
            lines.append(DocumentLine("Withheld", style: .title))
            lines += bullets(
                result.summary.withheld.map(\.displaySummary) + result.summary.withheldInformation)
        case .denied:
            lines.append(DocumentLine("✗ Denied", style: Style.danger.bolded))
            lines.append(DocumentLine("The device will be told that you denied the request."))
            lines.append(.field("Grant", result.grantID, indent: 0))
            lines.append(.field("Reason", result.reason ?? "", indent: 0))
            lines += finishLines(result.finish)
        case .failed(let failure):
            lines.append(DocumentLine("✗ Your decision was not recorded", style: Style.danger.bolded))
            lines.append(DocumentLine(failure.displayMessage, style: .danger))
            if let detail = failure.serverDetail {
                lines.append(DocumentLine("The server said: " + detail, style: .muted))
            }
            lines.append(.field("Grant", result.grantID, indent: 0))
            lines.append(DocumentLine("Enter a new code to start again.", style: .muted))
        }
        return lines
    }

    /// The client's interaction finish (RFC 9635 §4.2): where to return (redirect), or whether the client was told
    /// (push).
    static func finishLines(_ finish: FinishNotice?) -> [DocumentLine] {
        guard let finish else { return [] }
        switch finish.method {
        case .redirect:
            return [
                .blank, DocumentLine("Return to the application", style: .title),
                DocumentLine("Open this address where you started the request:"),
                DocumentLine(finish.uri, style: .selfAsserted),
            ]
        case .push:
            let text =
                switch finish.delivery {
                case .delivered?: "The application was notified."
                case .failed?: "The application could not be notified; it learns the outcome only if it asks."
                case .pending?, nil: "The application is being notified."
                }
            return [.blank, DocumentLine(text, style: finish.delivery == .failed ? .danger : .muted)]
        }
    }

    static func bullets(_ texts: [String]) -> [DocumentLine] {
        texts.isEmpty ? [.bullet("nothing", style: .muted)] : texts.map { .bullet($0) }
    }

    static func document(_ result: DecisionResult, size: Size) -> ScrollingDocument {
        ScrollingDocument(lines(result), in: ScreenLayout(size: size).content.inset(top: 1))
    }
}
