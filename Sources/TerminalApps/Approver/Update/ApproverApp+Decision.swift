import GNAP
import TerminalSession
import TerminalUI

extension ApproverApp {
    func updateConfirmation(_ state: inout State, _ message: Message) -> [Effect] {
        guard let review = state.review else { return [] }
        switch message {
        case .command(.confirm):
            return sendApproval(&state, review)
        case .command(.back):
            state.screen = .review
        case .command(.previousItem), .command(.nextItem), .command(.pageUp), .command(.pageDown), .scroll:
            // A list taller than the dialog (a short terminal) scrolls, so everything can be read before approving.
            let dialog = ConfirmDialog(summary: review.summary, size: state.size)
            let page = max(1, dialog.body.height - 1)
            let rows: Int =
                switch message {
                case .command(.previousItem): -1
                case .command(.nextItem): 1
                case .command(.pageUp): -page
                case .scroll(let rows): rows
                default: page
                }
            state.confirmScroll = min(max(0, state.confirmScroll + rows), dialog.maxScroll)
        case .click(let point):
            let dialog = ConfirmDialog(summary: review.summary, size: state.size)
            switch dialog.buttons.button(at: point, in: dialog.buttonRow) {
            case 0?: return sendApproval(&state, review)
            case 1?: state.screen = .review
            default: break
            }
        default:
            break
        }
        return []
    }

    private func sendApproval(_ state: inout State, _ review: ReviewState) -> [Effect] {
        let request = review.approvalRequest
        state.screen = .loading(.approving(request))
        return [.approve(review.review, request)]
    }

    func updateDenial(_ state: inout State, _ message: Message) -> [Effect] {
        guard let review = state.review else { return [] }
        let last = DenialState.presets.count - 1
        switch message {
        case .command(.previousReason):
            state.denial.choice = max(0, (state.denial.choice ?? last + 1) - 1)
            state.denial.error = nil
        case .command(.nextReason):
            state.denial.choice = min(last, (state.denial.choice ?? -1) + 1)
            state.denial.error = nil
        case .command(.submitDenial):
            return sendDenial(&state, review)
        case .command(.back):
            state.screen = .review
        case .edit(let key):
            if state.denial.details.handle(key) { state.denial.error = nil }
        case .click(let point):
            let dialog = DenyDialog(size: state.size)
            if let preset = dialog.preset(at: point) {
                state.denial.choice = preset
                state.denial.error = nil
            } else {
                switch dialog.buttons.button(at: point, in: dialog.buttonRow) {
                case 0?: return sendDenial(&state, review)
                case 1?: state.screen = .review
                default: break
                }
            }
        default:
            break
        }
        return []
    }

    private func sendDenial(_ state: inout State, _ review: ReviewState) -> [Effect] {
        guard let reason = state.denial.reason else {
            state.denial.error = state.denial.missingReasonMessage
            return []
        }
        state.screen = .loading(.denying(reason: reason))
        return [.deny(review.review, reason)]
    }

    func decided(_ state: inout State, _ result: Result<DecisionResponse, ApproverFailure>) {
        guard case .loading(let activity) = state.screen, let review = state.review else { return }
        let summary: ApprovalSummary
        let reason: String?
        let outcome: DecisionResult.Outcome
        switch activity {
        case .approving(let request):
            summary = ApprovalSummary(review: review.review, request: request)
            reason = nil
            outcome = .approved
        case .denying(let denial):
            summary = ApprovalSummary(denying: review.review)
            reason = denial
            outcome = .denied
        case .lookingUp, .openingInteraction:
            return
        }
        switch result {
        case .success(let response):
            state.result = DecisionResult(outcome: outcome, grantID: response.grantID, summary: summary, reason: reason)
            state.result?.finish = response.finish
        case .failure(let failure):
            state.result = DecisionResult(
                outcome: .failed(failure), grantID: review.review.grantID, summary: summary, reason: reason)
        }
        state.resultScroll = 0
        state.screen = .result
    }

    func updateResult(_ state: inout State, _ message: Message) -> [Effect] {
        if let result = state.result,
            let scroll = ResultScreen.document(result, size: state.size).scroll(state.resultScroll, after: message)
        {
            state.resultScroll = scroll
            return []
        }
        switch message {
        case .command(.newCode): startOver(&state, typing: true)
        case .command(.showHistory): return showHistory(&state)
        default: break
        }
        return []
    }
}
