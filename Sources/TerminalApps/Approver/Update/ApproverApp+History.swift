import GNAP
import TerminalSession
import TerminalUI

extension ApproverApp {
    func historyLoaded(_ state: inout State, _ result: Result<[DecisionRecord], ApproverFailure>) {
        guard state.screen == .history, state.history.isLoading else { return }
        state.history.isLoading = false
        switch result {
        case .success(let records):
            state.history.records = records
            state.history.list = ListViewState(selection: records.isEmpty ? nil : 0)
        case .failure(let failure):
            state.history.error = failure.displayMessage
        }
    }

    func updateHistory(_ state: inout State, _ message: Message) -> [Effect] {
        let count = state.history.records.count
        let visible = HistoryScreen.listRect(size: state.size).height
        if state.history.search.isTyping { return updateSearchField(&state, message) }
        switch message {
        case .command(.search):
            state.history.search.isTyping = true
            state.history.search.error = nil
        case .command(.nextMatch), .command(.previousMatch):
            let forward = message == .command(.nextMatch)
            if let match = state.history.search.match(from: state.history.list.selection, forward: forward) {
                state.history.list.select(match, rowCount: count, visibleRows: visible)
            }
        case .command(.back) where state.history.search.query != nil:
            state.history.search = SearchState()
        case .command(.nextPane):
            return showPane(&state, .activeGrants)
        case .command(.previousPane):
            return showPane(&state, .inbox)
        case .command(.previousItem):
            state.history.list.move(by: -1, rowCount: count, visibleRows: visible)
        case .command(.nextItem):
            state.history.list.move(by: 1, rowCount: count, visibleRows: visible)
        case .command(.pageUp):
            state.history.list.page(up: true, rowCount: count, visibleRows: visible)
        case .command(.pageDown):
            state.history.list.page(rowCount: count, visibleRows: visible)
        case .command(.openDetail):
            openDetail(&state)
        case .command(.back):
            startOver(&state)
        case .click(let point):
            let list = HistoryScreen.listView(state.history, timeZone: timeZone)
            if let index = list.row(atScreenY: point.y, in: HistoryScreen.listRect(size: state.size)) {
                if state.history.list.selection == index {
                    openDetail(&state)
                } else {
                    state.history.list.select(index, rowCount: count, visibleRows: visible)
                }
            }
        case .scroll(let rows):
            state.history.list.move(by: rows, rowCount: count, visibleRows: visible)
        default:
            break
        }
        return []
    }

    private func openDetail(_ state: inout State) {
        guard state.history.selectedRecord != nil else { return }
        state.history.detailScroll = 0
        state.screen = .historyDetail
    }

    func updateHistoryDetail(_ state: inout State, _ message: Message) -> [Effect] {
        guard let record = state.history.selectedRecord else {
            state.screen = .history
            return []
        }
        let document = HistoryDetailScreen.document(record, timeZone: timeZone, size: state.size)
        if let scroll = document.scroll(state.history.detailScroll, after: message) {
            state.history.detailScroll = scroll
        } else if message == .command(.back) {
            state.screen = .history
        }
        return []
    }
}
