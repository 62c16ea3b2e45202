import GNAP
import TerminalSession
import TerminalUI

/// The inbox pane's keys: move, open a request for review (the same review as a code gives), lift a block.
extension ApproverApp {
    func updateInbox(_ state: inout State, _ message: Message) -> [Effect] {
        let count = state.inbox.rowCount
        let visible = InboxScreen.listRect(size: state.size, inbox: state.inbox).height
        switch message {
        case .command(.previousItem): state.inbox.list.move(by: -1, rowCount: count, visibleRows: visible)
        case .command(.nextItem): state.inbox.list.move(by: 1, rowCount: count, visibleRows: visible)
        case .command(.pageUp): state.inbox.list.page(up: true, rowCount: count, visibleRows: visible)
        case .command(.pageDown): state.inbox.list.page(rowCount: count, visibleRows: visible)
        case .command(.top): state.inbox.list.selectFirst(rowCount: count, visibleRows: visible)
        case .command(.bottom): state.inbox.list.selectLast(rowCount: count, visibleRows: visible)
        case .scroll(let rows): state.inbox.list.move(by: rows, rowCount: count, visibleRows: visible)
        case .click(let point):
            let rect = InboxScreen.listRect(size: state.size, inbox: state.inbox)
            if let index = InboxScreen.listView(state.inbox, now: state.now).row(atScreenY: point.y, in: rect) {
                state.inbox.list.select(index, rowCount: count, visibleRows: visible)
            }
        case .command(.openDetail): return openFromInbox(&state)
        case .command(.liftBlock):
            guard let block = state.inbox.selectedBlock, state.inbox.lifting == nil else { return [] }
            state.inbox.lifting = block.instanceID
            return [.inbox(.liftBlock(block.instanceID))]
        case .command(.nextPane): return showPane(&state, .history)
        case .command(.previousPane): return showPane(&state, .keys)
        case .command(.back): if !state.inbox.watching { startOver(&state) }
        default: break
        }
        return []
    }

    /// Shows the inbox pane (from code entry, the records panes, or after a decision in watch mode).
    func showInbox(_ state: inout State) -> [Effect] {
        state.screen = .inbox
        state.inbox.notice = nil
        if state.inbox.connection == .idle {
            state.inbox.connection = .connecting
            return [.inbox(.connect(after: nil, delay: .zero))]
        }
        return []
    }

    private func openFromInbox(_ state: inout State) -> [Effect] {
        guard let item = state.inbox.selectedItem, state.inbox.opening == nil else { return [] }
        state.inbox.opening = item.grantID
        state.inbox.notice = nil
        state.screen = .loading(.openingInteraction(item.grantID))
        return [.inbox(.open(item.grantID))]
    }

    /// The AS answered opening a request: its review, or back to the inbox with the reason.
    func inboxOpened(_ state: inout State, _ grantID: String, _ result: Result<InteractionReview, ApproverFailure>) {
        guard state.inbox.opening == grantID else { return }
        state.inbox.opening = nil
        guard case .loading(.openingInteraction(grantID)) = state.screen else { return }
        switch result {
        case .success(let review):
            state.review = ReviewState(review: review)
            state.screen = .review
        case .failure(let failure):
            state.screen = .inbox
            state.inbox.notice = failure.displayMessage
            state.inbox.noticeIsError = true
            // It may have been decided elsewhere or expired meanwhile: the stream removes it, or this does.
            if failure.code == "already_decided" || failure.code == "interaction_expired" {
                state.inbox.remove(grantID)
            }
        }
    }

    /// The AS answered lifting a block.
    func inboxBlockLifted(_ state: inout State, _ instanceID: String, _ result: Result<[InboxBlock], ApproverFailure>) {
        guard state.inbox.lifting == instanceID else { return }
        state.inbox.lifting = nil
        switch result {
        case .success(let blocks):
            state.inbox.blocks = blocks
            state.inbox.notice = "Lifted: client \(instanceID) may ask you again."
            state.inbox.noticeIsError = false
        case .failure(let failure):
            state.inbox.notice = "Not lifted: " + failure.displayMessage
            state.inbox.noticeIsError = true
        }
        let count = state.inbox.rowCount
        state.inbox.list.selection = count == 0 ? nil : min(state.inbox.list.selection ?? 0, count - 1)
    }
}
