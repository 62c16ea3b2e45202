import GNAP
import TerminalSession

/// A request under review: which rights, subject formats and assertion formats are included, the selection, focus
/// and scroll.
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
    /// One flag per format of `review.subject.assertionFormats`.
    public var includedAssertionFormats: [Bool]
    /// Index into `items` of the selected toggle.
    public var selection: Int?
    public var focus: Focus
    /// The first document row shown.
    public var scroll: Int
    /// A message above the buttons (e.g. why approving was refused).
    public var notice: String?
    /// The rights (indices into `review.allRights`) whose first row, and those whose last row, have been on the
    /// screen: a right counts as read once both have (not necessarily at the same time).
    public var seenRightStarts: Set<Int>
    public var seenRightEnds: Set<Int>

    /// Everything included, the first toggle selected, the list focused.
    public init(review: InteractionReview) {
        self.review = review
        includedRights = Array(repeating: true, count: review.allRights.count)
        includedSubjectFormats = Array(repeating: true, count: review.subject?.subIDFormats.count ?? 0)
        includedAssertionFormats = Array(repeating: true, count: review.subject?.assertionFormats.count ?? 0)
        selection = includedRights.count + includedSubjectFormats.count + includedAssertionFormats.count > 0 ? 0 : nil
        focus = .items
        scroll = 0
        notice = nil
        seenRightStarts = []
        seenRightEnds = []
    }

    /// How many requested rights have not been on the screen yet (approving waits until none is left).
    public var unseenRightCount: Int {
        includedRights.indices.filter { !seenRightStarts.contains($0) || !seenRightEnds.contains($0) }.count
    }

    /// The toggles in screen order: rights, subject formats, assertion formats.
    public var items: [ReviewItem] {
        includedRights.indices.map(ReviewItem.right) + includedSubjectFormats.indices.map(ReviewItem.subjectFormat)
            + includedAssertionFormats.indices.map(ReviewItem.assertionFormat)
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
        case .assertionFormat(let index):
            includedAssertionFormats.indices.contains(index) && includedAssertionFormats[index]
        }
    }

    /// Includes an excluded toggle or excludes an included one.
    public mutating func toggle(_ item: ReviewItem) {
        switch item {
        case .right(let index) where includedRights.indices.contains(index):
            includedRights[index].toggle()
        case .subjectFormat(let index) where includedSubjectFormats.indices.contains(index):
            includedSubjectFormats[index].toggle()
        case .assertionFormat(let index) where includedAssertionFormats.indices.contains(index):
            includedAssertionFormats[index].toggle()
        default:
            break
        }
    }

    /// Exactly the included rights, subject formats and assertion formats, in request order.
    public var approvalRequest: ApprovalRequest {
        let rights = zip(review.allRights, includedRights).filter(\.1).map(\.0.id)
        let formats = zip(review.subject?.subIDFormats ?? [], includedSubjectFormats).filter(\.1).map(\.0)
        let assertions = zip(review.subject?.assertionFormats ?? [], includedAssertionFormats).filter(\.1).map(\.0)
        return ApprovalRequest(rights: rights, subjectFormats: formats, assertionFormats: assertions)
    }

    /// What approving now would release and withhold.
    public var summary: ApprovalSummary { ApprovalSummary(review: review, request: approvalRequest) }
}
