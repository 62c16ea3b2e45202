import GNAP

/// A request under review: which rights and subject formats are included, the selection, focus and scroll.
public struct ReviewState: Equatable, Sendable {
    /// Where keys such as Enter act.
    public enum Focus: Hashable, Sendable {
        /// The list of rights and subject formats.
        case items
        case approveButton
        case denyButton
    }

    public var review: InteractionReview
    /// One flag per right of `review.allRights`.
    public var includedRights: [Bool]
    /// One flag per format of `review.subject.subIDFormats`.
    public var includedSubjectFormats: [Bool]
    /// Index into `items` of the selected toggle.
    public var selection: Int?
    public var focus: Focus
    /// The first document row shown.
    public var scroll: Int
    /// A message above the buttons (e.g. why approving was refused).
    public var notice: String?

    /// Everything included, the first toggle selected, the list focused.
    public init(review: InteractionReview) {
        self.review = review
        includedRights = Array(repeating: true, count: review.allRights.count)
        includedSubjectFormats = Array(repeating: true, count: review.subject?.subIDFormats.count ?? 0)
        selection = includedRights.count + includedSubjectFormats.count > 0 ? 0 : nil
        focus = .items
        scroll = 0
        notice = nil
    }

    /// The toggles in screen order: rights, then subject formats.
    public var items: [ReviewItem] {
        includedRights.indices.map(ReviewItem.right) + includedSubjectFormats.indices.map(ReviewItem.subjectFormat)
    }

    /// The selected toggle.
    public var selectedItem: ReviewItem? {
        guard let selection, items.indices.contains(selection) else { return nil }
        return items[selection]
    }

    public func isIncluded(_ item: ReviewItem) -> Bool {
        switch item {
        case .right(let index): includedRights.indices.contains(index) && includedRights[index]
        case .subjectFormat(let index): includedSubjectFormats.indices.contains(index) && includedSubjectFormats[index]
        }
    }

    /// Includes an excluded toggle or excludes an included one.
    public mutating func toggle(_ item: ReviewItem) {
        switch item {
        case .right(let index) where includedRights.indices.contains(index):
            includedRights[index].toggle()
        case .subjectFormat(let index) where includedSubjectFormats.indices.contains(index):
            includedSubjectFormats[index].toggle()
        default:
            break
        }
    }

    /// Exactly the included rights and subject formats, in request order.
    public var approvalRequest: ApprovalRequest {
        let rights = zip(review.allRights, includedRights).filter(\.1).map(\.0.id)
        let formats = zip(review.subject?.subIDFormats ?? [], includedSubjectFormats).filter(\.1).map(\.0)
        return ApprovalRequest(rights: rights, subjectFormats: formats)
    }

    /// What approving now would release and withhold.
    public var summary: ApprovalSummary { ApprovalSummary(review: review, request: approvalRequest) }
}
