/// One toggle of a review: a requested access right, subject identifier format or assertion format.
public enum ReviewItem: Hashable, Sendable {
    /// The right at this index of `InteractionReview.allRights`.
    case right(Int)
    /// The format at this index of `SubjectReview.subIDFormats`.
    case subjectFormat(Int)
    /// The format at this index of `SubjectReview.assertionFormats`.
    case assertionFormat(Int)
}
