import GNAP

/// What a decision releases and withholds: the rights, subject formats and assertion formats of a review, split by
/// an `ApprovalRequest` (or everything withheld, for a denial).
public struct ApprovalSummary: Hashable, Sendable {
    /// Rights granted, in request order.
    public var granted: [RightReview]
    /// Rights withheld, in request order.
    public var withheld: [RightReview]
    /// Subject identifier formats released.
    public var releasedSubjectFormats: [String]
    /// Subject identifier formats withheld.
    public var withheldSubjectFormats: [String]
    /// Assertion formats released.
    public var releasedAssertionFormats: [String]
    /// Assertion formats withheld.
    public var withheldAssertionFormats: [String]

    /// The split of `review` by `request`; rights and formats not named in the request are withheld.
    public init(review: InteractionReview, request: ApprovalRequest) {
        let rights = Set(request.rights)
        let formats = Set(request.subjectFormats)
        let requestedFormats = review.subject?.subIDFormats ?? []
        granted = review.allRights.filter { rights.contains($0.id) }
        withheld = review.allRights.filter { !rights.contains($0.id) }
        releasedSubjectFormats = requestedFormats.filter { formats.contains($0) }
        withheldSubjectFormats = requestedFormats.filter { !formats.contains($0) }
        let assertions = Set(request.assertionFormats)
        let requestedAssertions = review.subject?.assertionFormats ?? []
        releasedAssertionFormats = requestedAssertions.filter { assertions.contains($0) }
        withheldAssertionFormats = requestedAssertions.filter { !assertions.contains($0) }
    }

    /// Everything of `review` withheld (a denial).
    public init(denying review: InteractionReview) {
        self.init(review: review, request: ApprovalRequest(rights: [], subjectFormats: []))
    }

    /// True when nothing at all is released.
    public var releasesNothing: Bool {
        granted.isEmpty && releasedSubjectFormats.isEmpty && releasedAssertionFormats.isEmpty
    }
}
