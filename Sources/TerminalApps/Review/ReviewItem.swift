/// One toggle of a review: a requested access right or a requested subject identifier format.
public enum ReviewItem: Hashable, Sendable {
    /// The right at this index of `InteractionReview.allRights`.
    case right(Int)
    /// The format at this index of `SubjectReview.subIDFormats`.
    case subjectFormat(Int)
}
