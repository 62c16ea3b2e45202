import GNAP
import TerminalSession
import TerminalUI

extension ApproverApp {
    /// Characters a code may contain besides its symbols (`UserCode(parsing:)` drops them).
    static let codeSeparators: Set<Character> = [
        " ", "-", "_", "\t", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}",
    ]

    func updateCodeEntry(_ state: inout State, _ message: Message) -> [Effect] {
        switch message {
        case .command(.submitCode):
            if let until = state.code.lockedUntil, state.now < until {
                state.code.error = Self.lockoutMessage(until: until, now: state.now)
                state.code.errorDetail = nil
                return []
            }
            state.code.lockedUntil = nil
            do throws(UserCodeError) {
                let code = try UserCode(parsing: state.code.field.text)
                state.code.error = nil
                state.code.errorDetail = nil
                state.screen = .loading(.lookingUp(code))
                return [.enterCode(code)]
            } catch {
                state.code.error = "Not a valid code: \(error)."
                state.code.errorDetail = nil
            }
        case .command(.leaveField):
            state.code.isTyping = false
        case .command(.editCode):
            state.code.isTyping = true
        case .command(.showHistory):
            return showHistory(&state)
        case .edit(let key):
            edit(&state.code, key)
        case .click(let point):
            if CodeEntryScreen.fieldRect(size: state.size).contains(point) { state.code.isTyping = true }
        default:
            break
        }
        return []
    }

    /// Applies an editing key to the code field, formatting as `XXXX-XXXX`. A character that cannot be part of a
    /// code is not inserted; the field says why instead.
    private func edit(_ code: inout CodeEntryState, _ key: Key) {
        let inserted: String
        switch key {
        case .character(let character): inserted = String(character)
        case .paste(let text): inserted = text.trimmingCharacters(in: .whitespacesAndNewlines)
        default: inserted = ""
        }
        if let invalid = inserted.first(where: { !Self.codeSeparators.contains($0) && UserCode.normalize($0) == nil }) {
            code.error = "Not a valid code: \(UserCodeError.invalidCharacter(invalid))."
            code.errorDetail = nil
            return
        }
        let before = code.field.text
        let handled: Bool
        if case .paste = key {
            handled = code.field.handle(.paste(inserted), formatter: UserCode.formatPartial)
        } else {
            handled = code.field.handle(key, formatter: UserCode.formatPartial)
        }
        if handled, code.field.text != before {
            code.error = nil
            code.errorDetail = nil
        }
    }

    func codeLookedUp(_ state: inout State, _ result: Result<InteractionReview, ApproverFailure>) {
        switch state.screen {
        case .loading(.lookingUp), .loading(.openingInteraction): break
        default: return
        }
        switch result {
        case .success(let review):
            state.review = ReviewState(review: review)
            state.code = CodeEntryState()
            state.screen = .review
        case .failure(let failure):
            state.screen = .codeEntry
            state.code.isTyping = true
            state.code.error = failure.displayMessage
            state.code.errorDetail = failure.serverDetail
            state.code.lockedUntil = failure.retryAfter.map { state.now.advanced(by: $0) }
        }
    }

    /// What the code screen says while the AS refuses codes from this device.
    static func lockoutMessage(until: WallInstant, now: WallInstant) -> String {
        "Too many attempts: this device may enter a code again in "
            + Countdown.format(now.duration(to: until)) + "."
    }
}
