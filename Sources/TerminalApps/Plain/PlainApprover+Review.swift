import Foundation
import GNAP
import TerminalSession

extension PlainApprover {
    /// The review as lines of text: the same information as the review screen, rights numbered from 1.
    static func reviewText(_ review: InteractionReview, timeZone: TimeZone, now: WallInstant) -> [String] {
        let description = ReviewDescription(review, timeZone: timeZone)
        var lines = [ReviewDescription.heading + ".", "", ReviewDescription.clientHeading]
        lines.append("  " + description.vettingLine)
        for field in description.clientFields {
            lines.append("  \(field.label): \(field.value)" + (field.provenance.tag.map { " " + $0 } ?? ""))
        }
        lines.append("  " + description.requestedLine)
        if let locales = description.localesLine { lines.append("  " + locales) }
        lines.append("  " + ReviewDescription.expiryText(expiresAt: review.expiresAt, now: now))
        if let user = description.namedUser {
            lines += ["", ReviewDescription.userHeading, "  " + user.verdict]
            lines += user.identifiers.map { "    " + $0 }
            if let note = user.ignoredNote { lines.append("  " + note) }
        }
        lines += ["", ReviewDescription.rightsHeading]
        if description.rights.isEmpty { lines.append("  (no access rights requested)") }
        for (index, right) in description.rights.enumerated() {
            if let heading = right.tokenHeading { lines.append("  " + heading) }
            lines.append("  \(index + 1). " + right.title)
            for field in right.details { lines.append("       \(field.label): \(field.value)") }
        }
        if description.hasSubjectSection {
            lines += ["", ReviewDescription.subjectHeading]
            lines += (description.subjectFormats + description.assertionFormats).map { "  - " + $0 }
        }
        lines += ["", ReviewDescription.antiPhishing]
        return lines
    }
}
