import TerminalSession
import TerminalUI

extension ApproverApp {
    /// What `y` copies on the screen of `state` (its name for the confirmation, and the text), if anything: the grant
    /// id of the request, decision or grant at hand, or the thumbprint of the selected key.
    static func copyTarget(_ state: State) -> (name: String, text: String)? {
        switch state.screen {
        case .review: state.review.map { ("grant id", $0.review.grantID) }
        case .result: state.result.map { ("grant id", $0.grantID) }
        case .history, .historyDetail: state.history.selectedRecord.map { ("grant id", $0.grantID) }
        case .activeGrants: state.grants.selectedGrant.map { ("grant id", $0.id) }
        case .keys:
            state.keys.list.clampedSelection(rowCount: state.keys.keys.count).map {
                ("key thumbprint", state.keys.keys[$0].thumbprint)
            }
        default: nil
        }
    }

    /// Copies the screen's target to the clipboard (OSC 52) and says so in the status bar.
    func copy(_ state: inout State) -> [Effect] {
        guard let target = Self.copyTarget(state) else {
            state.flash = "Nothing to copy here"
            return []
        }
        state.flash = "Copied to the clipboard: \(target.name) \(target.text)"
        return [.copyToClipboard(target.text)]
    }
}
