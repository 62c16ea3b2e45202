import GNAP
import TerminalSession
import TerminalUI

extension ApproverApp {
    /// Opens a pane of the records view (decisions, active grants, keys) and asks for its content.
    func showPane(_ state: inout State, _ pane: State.Screen) -> [Effect] {
        switch pane {
        case .activeGrants:
            state.screen = .activeGrants
            state.grants = GrantsState()
            state.grants.isLoading = true
            return [.loadActiveGrants]
        case .keys:
            state.screen = .keys
            state.keys = KeysState()
            state.keys.isLoading = true
            return [.loadKeys]
        case .inbox:
            return showInbox(&state)
        default:
            return showHistory(&state)
        }
    }

    /// Keys while the search field has the focus.
    func updateSearchField(_ state: inout State, _ message: Message) -> [Effect] {
        switch message {
        case .command(.submitSearch):
            let query = state.history.search.field.text.trimmingCharacters(in: .whitespaces)
            state.history.search.isTyping = false
            guard !query.isEmpty else {
                state.history.search = SearchState()
                return []
            }
            state.history.search.isRunning = true
            state.history.search.error = nil
            return [.searchHistory(query)]
        case .command(.cancelSearch):
            state.history.search.isTyping = false
        case .edit(let key):
            _ = state.history.search.field.handle(key)
        default:
            break
        }
        return []
    }

    /// The answers of the records view's effects.
    func recordsAnswered(_ state: inout State, _ message: Message) -> [Effect] {
        switch message {
        case .historySearched(let query, let result):
            guard state.history.search.isRunning else { return [] }
            state.history.search.isRunning = false
            switch result {
            case .success(let found):
                let ids = Set(found.map(\.id))
                state.history.search.query = query
                state.history.search.matches = state.history.records.indices.filter {
                    ids.contains(state.history.records[$0].id)
                }
                if let first = state.history.search.match(from: nil, forward: true) {
                    state.history.list.select(
                        first, rowCount: state.history.records.count,
                        visibleRows: HistoryScreen.listRect(size: state.size).height)
                }
            case .failure(let failure):
                state.history.search.error = failure.displayMessage
            }
        case .activeGrantsLoaded(let result):
            guard state.grants.isLoading else { return [] }
            state.grants.isLoading = false
            switch result {
            case .success(let grants):
                state.grants.grants = grants
                state.grants.list = ListViewState(selection: grants.isEmpty ? nil : 0)
            case .failure(let failure):
                state.grants.error = failure.displayMessage
            }
        case .grantRevoked(let grantID, let result):
            guard state.grants.revoking == grantID else { return [] }
            state.grants.revoking = nil
            state.screen = .activeGrants
            switch result {
            case .success:
                let name = state.grants.grants.first { $0.id == grantID }?.clientName ?? grantID
                state.grants.grants.removeAll { $0.id == grantID }
                state.grants.list = ListViewState(
                    selection: state.grants.grants.isEmpty
                        ? nil : min(state.grants.list.selection ?? 0, state.grants.grants.count - 1))
                state.grants.notice = "Revoked “\(name)”: its tokens no longer work."
            case .failure(let failure):
                state.grants.notice = "Not revoked: " + failure.displayMessage
            }
        case .keysLoaded(let result):
            guard state.keys.isLoading else { return [] }
            state.keys.isLoading = false
            switch result {
            case .success(let keys):
                state.keys.keys = keys
                state.keys.list = ListViewState(selection: keys.isEmpty ? nil : 0)
            case .failure(let failure):
                state.keys.error = failure.displayMessage
            }
        case .keyRotated(let result):
            guard state.keys.isRotating else { return [] }
            state.keys.isRotating = false
            state.screen = .keys
            switch result {
            case .success(let key):
                state.keys.notice = "New key \(key.thumbprint) enrolled; the old key is revoked."
                state.keys.isLoading = true
                return [.loadKeys]
            case .failure(let failure):
                state.keys.notice = "Not rotated: " + failure.displayMessage
            }
        default:
            break
        }
        return []
    }

    func updateActiveGrants(_ state: inout State, _ message: Message) -> [Effect] {
        let count = state.grants.grants.count
        let visible = ActiveGrantsScreen.listRect(size: state.size).height
        switch message {
        case .command(.previousItem): state.grants.list.move(by: -1, rowCount: count, visibleRows: visible)
        case .command(.nextItem): state.grants.list.move(by: 1, rowCount: count, visibleRows: visible)
        case .command(.pageUp): state.grants.list.page(up: true, rowCount: count, visibleRows: visible)
        case .command(.pageDown): state.grants.list.page(rowCount: count, visibleRows: visible)
        case .scroll(let rows): state.grants.list.move(by: rows, rowCount: count, visibleRows: visible)
        case .command(.revoke):
            openRevoke(&state)
        case .click(let point):
            let list = ActiveGrantsScreen.listView(state.grants, timeZone: timeZone)
            if let index = list.row(atScreenY: point.y, in: ActiveGrantsScreen.listRect(size: state.size)) {
                state.grants.list.select(index, rowCount: count, visibleRows: visible)
            }
        case .command(.nextPane): return showPane(&state, .keys)
        case .command(.previousPane): return showPane(&state, .history)
        case .command(.back): startOver(&state)
        default: break
        }
        return []
    }

    private func openRevoke(_ state: inout State) {
        guard state.grants.selectedGrant != nil else { return }
        state.grants.reason = TextFieldState(maxLength: 200)
        state.grants.notice = nil
        state.screen = .revokeGrant
    }

    func updateRevokeGrant(_ state: inout State, _ message: Message) -> [Effect] {
        guard let grant = state.grants.selectedGrant else {
            state.screen = .activeGrants
            return []
        }
        switch message {
        case .command(.confirmRevoke):
            return sendRevoke(&state, grant)
        case .command(.back):
            state.screen = .activeGrants
        case .edit(let key):
            _ = state.grants.reason.handle(key)
        case .click(let point):
            let dialog = RevokeDialog(grant: grant, size: state.size)
            switch dialog.buttons.button(at: point, in: dialog.buttonRow) {
            case 0?: return sendRevoke(&state, grant)
            case 1?: state.screen = .activeGrants
            default: break
            }
        default:
            break
        }
        return []
    }

    private func sendRevoke(_ state: inout State, _ grant: ActiveGrant) -> [Effect] {
        guard state.grants.revoking == nil else { return [] }
        state.grants.revoking = grant.id
        return [.revokeGrant(grant.id, reason: state.grants.reasonToSend)]
    }

    func updateKeys(_ state: inout State, _ message: Message) -> [Effect] {
        let count = state.keys.keys.count
        let visible = KeysScreen.listRect(size: state.size).height
        switch message {
        case .command(.previousItem): state.keys.list.move(by: -1, rowCount: count, visibleRows: visible)
        case .command(.nextItem): state.keys.list.move(by: 1, rowCount: count, visibleRows: visible)
        case .scroll(let rows): state.keys.list.move(by: rows, rowCount: count, visibleRows: visible)
        case .command(.rotateKey):
            state.keys.notice = nil
            state.screen = .rotateKey
        case .command(.nextPane): return showPane(&state, .inbox)
        case .command(.previousPane): return showPane(&state, .activeGrants)
        case .command(.back): startOver(&state)
        default: break
        }
        return []
    }

    func updateRotateKey(_ state: inout State, _ message: Message) -> [Effect] {
        switch message {
        case .command(.confirmRotate):
            return sendRotate(&state)
        case .command(.back):
            state.screen = .keys
        case .click(let point):
            let dialog = RotateDialog(size: state.size)
            switch dialog.buttons.button(at: point, in: dialog.buttonRow) {
            case 0?: return sendRotate(&state)
            case 1?: state.screen = .keys
            default: break
            }
        default:
            break
        }
        return []
    }

    private func sendRotate(_ state: inout State) -> [Effect] {
        guard !state.keys.isRotating else { return [] }
        state.keys.isRotating = true
        return [.rotateKey]
    }
}
