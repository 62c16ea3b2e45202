import GNAP
import TerminalUI

extension ApproverApp {
    public func view(_ state: State, size: Size) -> Canvas {
        var state = state
        state.size = size
        // The header counts the requests waiting in the inbox, on every screen.
        let identity = state.inbox.badge.map { "\($0) · " + self.identity } ?? self.identity
        var canvas = Canvas(size: size)
        let layout = ScreenLayout(size: size)
        let hints = ApproverKeymaps.hints(for: state)
        switch state.screen {
        case .codeEntry:
            layout.drawChrome(title: "Enter a code", identity: identity, hints: hints, on: &canvas)
            CodeEntryScreen.draw(state, on: &canvas)
        case .loading(let activity):
            layout.drawChrome(title: "Please wait", identity: identity, hints: hints, on: &canvas)
            let text: String
            switch activity {
            case .lookingUp(let code): text = "Looking up code \(code.display)…"
            case .openingInteraction: text = "Opening the request…"
            case .approving: text = "Sending your approval…"
            case .denying: text = "Sending your denial…"
            }
            canvas.draw(
                Label(text, style: .muted, alignment: .center), in: layout.content.row(layout.content.height / 2))
        case .review, .confirmApproval, .deny:
            guard let review = state.review else { break }
            let reviewLayout = reviewLayout(review, state)
            let included = review.includedRights.filter { $0 }.count
            layout.drawChrome(
                title: ReviewDescription.heading, identity: identity,
                status: "\(included) of \(review.includedRights.count) rights included", hints: hints, on: &canvas)
            ReviewScreen.draw(review, layout: reviewLayout, now: state.now, on: &canvas)
            if state.screen == .confirmApproval {
                ConfirmDialog(summary: review.summary, size: size).draw(scroll: state.confirmScroll, on: &canvas)
            } else if state.screen == .deny {
                DenyDialog(size: size).draw(state.denial, on: &canvas)
            }
        case .result:
            guard let result = state.result else { break }
            layout.drawChrome(title: ResultScreen.title(result), identity: identity, hints: hints, on: &canvas)
            ResultScreen.document(result, size: size).draw(scroll: state.resultScroll, on: &canvas)
        case .history:
            layout.drawChrome(title: "Decision history, newest first", identity: identity, hints: hints, on: &canvas)
            HistoryScreen.draw(state.history, timeZone: timeZone, size: size, on: &canvas)
        case .activeGrants, .revokeGrant:
            layout.drawChrome(title: "Your active grants", identity: identity, hints: hints, on: &canvas)
            ActiveGrantsScreen.draw(state.grants, timeZone: timeZone, size: size, on: &canvas)
            if state.screen == .revokeGrant, let grant = state.grants.selectedGrant {
                RevokeDialog(grant: grant, size: size).draw(state.grants, on: &canvas)
            }
        case .keys, .rotateKey:
            layout.drawChrome(title: "Device keys", identity: identity, hints: hints, on: &canvas)
            KeysScreen.draw(state.keys, timeZone: timeZone, size: size, on: &canvas)
            if state.screen == .rotateKey { RotateDialog(size: size).draw(on: &canvas) }
        case .inbox:
            layout.drawChrome(
                title: "Inbox: requests waiting for you", identity: identity,
                status: InboxScreen.status(state.inbox, now: state.now), hints: hints, on: &canvas)
            InboxScreen.draw(state.inbox, now: state.now, timeZone: timeZone, size: size, on: &canvas)
        case .historyDetail:
            layout.drawChrome(title: "Decision", identity: identity, hints: hints, on: &canvas)
            if let record = state.history.selectedRecord {
                HistoryDetailScreen.document(record, timeZone: timeZone, size: size)
                    .draw(scroll: state.history.detailScroll, on: &canvas)
            }
        }
        if let flash = state.flash {
            canvas.draw(StatusBar(flash, style: Style.statusBar.bolded), in: layout.status)
        }
        if state.showsHelp {
            canvas.cursor = nil
            canvas.draw(helpOverlay(state), in: canvas.bounds)
        }
        return canvas
    }
}
