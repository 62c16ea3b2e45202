import TerminalUI

extension ApproverApp {
    /// Why approving with nothing included is refused, and what to do instead.
    static let nothingIncludedNotice = "Nothing is included. Tick an item to approve, or press d to deny."

    /// Why approving waits: some requested rights have not been on the screen yet.
    static func unseenRightsNotice(_ unseen: Int, of total: Int) -> String {
        "Read the rights first: \(unseen) of \(total) not shown yet (↓ or PgDn)."
    }

    /// Records which requested rights the review shows now (see `ReviewState.unseenRightCount`).
    func markShownRights(_ state: inout State) {
        guard var review = state.review else { return }
        let layout = reviewLayout(review, state)
        let visible = layout.visibleRows(scroll: review.scroll)
        for index in review.includedRights.indices {
            guard let rows = layout.rowRange(of: .right(index)) else { continue }
            if visible.contains(rows.lowerBound) { review.seenRightStarts.insert(index) }
            if visible.contains(rows.upperBound) { review.seenRightEnds.insert(index) }
        }
        if review.unseenRightCount == 0, review.notice?.hasPrefix("Read the rights first") == true {
            review.notice = nil
        }
        if review != state.review { state.review = review }
    }

    func updateReview(_ state: inout State, _ message: Message) -> [Effect] {
        guard var review = state.review else {
            startOver(&state)
            return []
        }
        let layout = reviewLayout(review, state)
        let count = review.items.count
        switch message {
        case .command(.previousItem):
            review.focus = .items
            if let selection = review.selection, selection > 0 {
                select(selection - 1, in: &review, layout: layout)
            } else {
                review.scroll = layout.clamped(review.scroll - 1)
            }
        case .command(.nextItem):
            review.focus = .items
            if let selection = review.selection, selection < count - 1 {
                select(selection + 1, in: &review, layout: layout)
            } else {
                review.scroll = layout.clamped(review.scroll + 1)
            }
        case .command(.pageUp):
            scroll(&review, by: -(layout.viewport.height - 1), layout: layout)
        case .command(.pageDown):
            scroll(&review, by: layout.viewport.height - 1, layout: layout)
        case .command(.top):
            review.scroll = 0
            if count > 0 { review.selection = 0 }
        case .command(.bottom):
            review.scroll = layout.maxScroll
            if count > 0 { review.selection = count - 1 }
        case .command(.toggle), .command(.activate):
            switch review.focus {
            case .items:
                if let item = review.selectedItem {
                    review.toggle(item)
                    review.notice = nil
                }
            case .approveButton:
                return approve(&state, review)
            case .denyButton:
                return deny(&state, review)
            }
        case .command(.switchFocus):
            review.focus = review.focus == .items ? .approveButton : .items
        case .command(.focusApprove):
            review.focus = .approveButton
        case .command(.focusDeny):
            review.focus = .denyButton
        case .command(.approve):
            return approve(&state, review)
        case .command(.deny):
            return deny(&state, review)
        case .command(.leaveReview):
            startOver(&state)
            return []
        case .click(let point)
        where layout.showsRightsSummary(scroll: review.scroll) && point.y == layout.viewport.maxY - 1
            && layout.viewport.contains(point):
            // The line that says the rights are further down takes the person there.
            review.focus = .items
            if let first = review.items.firstIndex(of: .right(0)) { select(first, in: &review, layout: layout) }
        case .click(let point):
            if let item = layout.item(at: point, scroll: review.scroll), let index = review.items.firstIndex(of: item) {
                review.focus = .items
                review.selection = index
                review.toggle(item)
                review.notice = nil
            } else {
                switch layout.buttons.button(at: point, in: layout.buttonRow) {
                case 0?: return approve(&state, review)
                case 1?: return deny(&state, review)
                default: break
                }
            }
        case .scroll(let rows):
            review.scroll = layout.clamped(review.scroll + rows)
        default:
            break
        }
        state.review = review
        return []
    }

    private func select(_ index: Int, in review: inout ReviewState, layout: ReviewLayout) {
        review.selection = index
        if let item = review.selectedItem { review.scroll = layout.scroll(review.scroll, revealing: item) }
    }

    /// Scrolls by `rows`; when the selected item leaves the viewport, the first item whose first row is visible
    /// becomes the selection, so Space always acts on something on the screen.
    private func scroll(_ review: inout ReviewState, by rows: Int, layout: ReviewLayout) {
        review.scroll = layout.clamped(review.scroll + rows)
        let visible = review.scroll..<(review.scroll + layout.viewport.height)
        if let item = review.selectedItem, let range = layout.rowRange(of: item), visible.contains(range.lowerBound) {
            return
        }
        let firstVisible = review.items.firstIndex { item in
            layout.rowRange(of: item).map { visible.contains($0.lowerBound) } ?? false
        }
        if let firstVisible { review.selection = firstVisible }
    }

    /// Opens the confirmation, or refuses when some right was never on the screen or nothing is included.
    private func approve(_ state: inout State, _ review: ReviewState) -> [Effect] {
        var review = review
        if review.unseenRightCount > 0 {
            review.notice = Self.unseenRightsNotice(review.unseenRightCount, of: review.includedRights.count)
            state.review = review
            return []
        }
        if review.summary.releasesNothing {
            review.notice = Self.nothingIncludedNotice
            state.review = review
            return []
        }
        review.notice = nil
        state.review = review
        state.screen = .confirmApproval
        state.confirmScroll = 0
        return []
    }

    private func deny(_ state: inout State, _ review: ReviewState) -> [Effect] {
        var review = review
        review.notice = nil
        state.review = review
        state.denial = DenialState()
        state.screen = .deny
        return []
    }
}
