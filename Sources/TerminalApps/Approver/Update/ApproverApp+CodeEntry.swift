import Foundation
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
            // A link is not a guessed code: the AS's lockout is about codes.
            if state.code.isLink { return open(state.code.field.text, &state) }
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
        case .edit(.paste(let text)) where RequestLink.isLink(text):
            // A device's whole link, pasted: open that request.
            return open(text, &state)
        case .edit(let key):
            edit(&state.code, key)
        case .click(let point):
            if CodeEntryScreen.fieldRect(state).contains(point) { state.code.isTyping = true }
        default:
            break
        }
        return []
    }

    /// Opens a request link typed or pasted at the code prompt (as `gnapterm approve --as AS LINK` would).
    private func open(_ link: String, _ state: inout State) -> [Effect] {
        let link = link.trimmingCharacters(in: .whitespacesAndNewlines)
        state.code.error = nil
        state.code.errorDetail = nil
        state.screen = .loading(.openingInteraction(link))
        return [.openInteraction(link)]
    }

    /// Applies an editing key to the code field, formatting as `XXXX-XXXX`. A character that cannot be part of a
    /// code is not inserted; the field says why instead, unless what was typed is turning into a request link, which
    /// the field then holds as typed.
    private func edit(_ code: inout CodeEntryState, _ key: Key) {
        if code.isLink {
            editLink(&code, key)
            return
        }
        if case .character(let character) = key, let typed = code.typedSinceEmpty {
            let candidate = typed + String(character)
            let fitsACode = Self.codeSeparators.contains(character) || UserCode.normalize(character) != nil
            if !fitsACode, RequestLink.couldBecomeLink(candidate) {
                code.isLink = true
                code.field = TextFieldState(text: candidate, maxLength: CodeEntryState.maximumLinkLength)
                code.typedSinceEmpty = nil
                code.error = nil
                code.errorDetail = nil
                return
            }
        }
        let typedBefore = code.typedSinceEmpty
        let textBefore = code.field.text
        editCode(&code, key)
        if code.field.text.isEmpty {
            code.typedSinceEmpty = ""
        } else if code.field.text == textBefore {
            return  // nothing inserted (a refused character, a key that is no edit)
        } else if case .character(let character) = key, let typedBefore, code.field.cursor == code.field.text.count {
            code.typedSinceEmpty = typedBefore + String(character)
        } else {
            code.typedSinceEmpty = nil
        }
    }

    /// Edits a link as typed; emptied, the field takes a code again.
    private func editLink(_ code: inout CodeEntryState, _ key: Key) {
        code.field.handle(key)
        if code.field.text.isEmpty {
            let lockedUntil = code.lockedUntil
            code = CodeEntryState()
            code.lockedUntil = lockedUntil
        }
    }

    private func editCode(_ code: inout CodeEntryState, _ key: Key) {
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
            markShownRights(&state)
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
