import GNAP

/// The heading and the reminder of a review, which differ for a request that reached the approver's inbox
/// (RFC 9635 §1.6.3): nobody there started it on a device of their own, so "approve only if you started this" would be
/// the wrong advice; the question is whether they expect this client to act for them.
extension ReviewDescription {
    static let asynchronousHeading = "A client asks for access to your account (from your inbox)"
    static let asynchronousReminder = "Approve only if you expect this client to act for you now."
    static let asynchronousReminderShort = "Approve only if you expect this request."

    static func heading(for review: InteractionReview) -> String {
        review.asynchronous == true ? asynchronousHeading : heading
    }

    static func reminder(for review: InteractionReview) -> String {
        review.asynchronous == true ? asynchronousReminder : antiPhishing
    }

    static func shortReminder(for review: InteractionReview) -> String {
        review.asynchronous == true ? asynchronousReminderShort : antiPhishingShort
    }
}
