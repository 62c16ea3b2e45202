import GNAP
import TerminalUI

extension AdminWatchApp {
    func perform(_ command: AdminViewCommand, _ state: inout State) -> [Effect] {
        switch command {
        case .quit:
            state.isQuitting = true
            return []
        case .help:
            state.showsHelp = true
            return []
        case .tab(let tab):
            return switchTab(to: tab, &state)
        case .nextTab:
            return switchTab(to: AdminTab(rawValue: (state.tab.rawValue + 1) % AdminTab.allCases.count)!, &state)
        case .previousTab:
            let count = AdminTab.allCases.count
            return switchTab(to: AdminTab(rawValue: (state.tab.rawValue + count - 1) % count)!, &state)
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            move(command, &state)
            return []
        case .confirm, .cancel:
            return answer(command == .confirm, &state)
        case .policyFilter:
            state.decisionsByPolicyOnly.toggle()
            state.decisionSelection = 0
            return []
        case .filter:
            state.isEditingFilter = true
            let current = state.tab == .events ? state.eventFilter : state.table.filter
            state.filterField = TextFieldState(text: current, maxLength: 80)
            return []
        case .sort:
            state.table.setSort(state.table.sort.next)
            Self.fixSelection(&state)
            return []
        case .reverse:
            var sort = state.table.sort
            sort.ascending.toggle()
            state.table.setSort(sort)
            Self.fixSelection(&state)
            return []
        case .close:
            state.notice = nil
            if state.detail != nil {
                state.detail = nil
            } else if state.tab == .events, !state.eventFilter.isEmpty {
                state.eventFilter = ""
                state.eventSelection = 0
            } else if !state.table.filter.isEmpty {
                state.table.setFilter("")
                Self.fixSelection(&state)
            }
            return []
        case .open:
            guard let id = selectedGrantID(state) else { return [] }
            state.notice = nil
            state.detail = DetailState(grantID: id)
            return [.loadDetail(id: id)]
        case .deny, .revoke:
            return askReason(command == .deny ? .deny : .revoke, &state)
        case .disable:
            guard state.canToggleAccount, let account = state.selectedAccount else { return [] }
            state.dialog = .confirmAccount(
                account.disabled ? .enable(username: account.username) : .disable(username: account.username))
            return []
        case .revokeDevice:
            guard state.canRevokeDevice, let device = state.selectedDevice?.device else { return [] }
            state.dialog = .confirmAccount(.revokeDevice(id: device.id, name: device.name))
            return []
        }
    }

    /// Text typed into the filter (applied as it is typed) or the reason field.
    func edit(_ key: Key, _ state: inout State) -> [Effect] {
        if case .reason(let action, let grantID, let client, var field) = state.dialog {
            _ = field.handle(key)
            state.dialog = .reason(action, grantID: grantID, client: client, field: field)
        } else if state.isEditingFilter {
            _ = state.filterField.handle(key)
            if state.tab == .events {
                state.eventFilter = state.filterField.text
                state.eventSelection = 0
            } else {
                state.table.setFilter(state.filterField.text)
                state.selectedIndex = 0
                Self.fixSelection(&state)
            }
        }
        return []
    }

    private func switchTab(to tab: AdminTab, _ state: inout State) -> [Effect] {
        state.tab = tab
        state.detail = nil
        // A message was about what the previous tab showed.
        state.notice = nil
        if (tab == .accounts || tab == .devices) && state.accountsStale { return [.loadAccounts] }
        return []
    }

    /// The grant under the cursor: the pending row, or the decision's grant.
    func selectedGrantID(_ state: State) -> String? {
        if let detail = state.detail { return detail.grantID }
        switch state.tab {
        case .pending: return state.selectedID
        case .decisions:
            return state.visibleDecisions.indices.contains(state.decisionSelection)
                ? state.visibleDecisions[state.decisionSelection].grantID : nil
        case .events: return state.selectedEventGrant
        case .accounts, .devices: return nil
        }
    }

    private func askReason(_ action: GrantAction, _ state: inout State) -> [Effect] {
        guard let id = selectedGrantID(state), action == .deny ? state.canDeny : state.canRevoke else { return [] }
        let client =
            state.table[id]?.client ?? state.decisions.first { $0.grantID == id }?.client ?? state.detail?.detail?
            .grant.clientName ?? id
        state.dialog = .reason(action, grantID: id, client: client, field: TextFieldState(maxLength: 200))
        return []
    }

    /// Enter or Esc in a dialog or the filter field; y or n in a confirmation.
    private func answer(_ yes: Bool, _ state: inout State) -> [Effect] {
        switch state.dialog {
        case .reason(let action, let grantID, let client, let field):
            let reason = field.text.trimmingCharacters(in: .whitespaces)
            if !yes {
                state.dialog = nil
            } else if reason.isEmpty {
                state.notice = ("A reason is required; it is recorded in the audit log.", true)
            } else {
                state.dialog = .confirmGrant(action, grantID: grantID, client: client, reason: reason)
            }
            return []
        case .confirmGrant(let action, let grantID, _, let reason):
            state.dialog = nil
            return yes ? [.grantAction(action, grantID: grantID, reason: reason)] : []
        case .confirmAccount(let action):
            state.dialog = nil
            return yes ? [.accountAction(action)] : []
        case nil:
            if state.isEditingFilter {
                state.isEditingFilter = false
                if !yes, state.tab == .events {
                    state.eventFilter = ""
                } else if !yes {
                    state.table.setFilter("")
                    Self.fixSelection(&state)
                }
            }
            return []
        }
    }

    private func move(_ command: AdminViewCommand, _ state: inout State) {
        if var detail = state.detail {
            switch command {
            case .up: detail.scroll = max(0, detail.scroll - 1)
            case .down: detail.scroll += 1
            case .pageUp: detail.scroll = max(0, detail.scroll - State.visibleRows(state.size))
            case .pageDown: detail.scroll += State.visibleRows(state.size)
            case .top: detail.scroll = 0
            default: detail.scroll += 1_000_000  // clamped by the view
            }
            state.detail = detail
            return
        }
        let page = State.visibleRows(state.size)
        func moved(_ index: Int, count: Int) -> Int {
            let target: Int
            switch command {
            case .up: target = index - 1
            case .down: target = index + 1
            case .pageUp: target = index - page
            case .pageDown: target = index + page
            case .top: target = 0
            default: target = count - 1
            }
            return max(0, min(target, count - 1))
        }
        switch state.tab {
        case .pending:
            guard !state.table.order.isEmpty else { return }
            state.selectedIndex = moved(state.selectedIndex, count: state.table.order.count)
            state.selectedID = state.table.order[state.selectedIndex]
            Self.scrollToSelection(&state)
        case .decisions:
            state.decisionSelection = moved(state.decisionSelection, count: state.visibleDecisions.count)
        case .accounts: state.accountSelection = moved(state.accountSelection, count: state.accounts.count)
        case .devices: state.deviceSelection = moved(state.deviceSelection, count: state.devices.count)
        case .events: state.eventSelection = moved(state.eventSelection, count: state.shownEvents.count)
        }
    }
}
