import Foundation
import GNAP
import TerminalSession
import TerminalUI

/// The code prompt of plain mode: it asks until a request is open, like the full-screen app's code field.
extension PlainApprover {
    /// Said once, before the first prompt: what the prompt accepts.
    static var codePromptIntroduction: String {
        #"Type the code the device shows, or paste its link; "help" lists what else you can type."#
    }

    /// The answer to `help` at the code prompt.
    static var codePromptHelp: [String] {
        [
            "At the \"User code:\" prompt you can type:",
            "  ABCD-EFGH        the code a device shows (case, spaces and dashes do not matter)",
            "  a request link   a device's link (http://…/interact/… or gnapterm:approve?…)",
            "  history [words]  your decisions, or those matching every word",
            "  help             this list",
            "  quit             leave without deciding",
        ]
    }

    /// The answer to `help` at the decision prompt.
    static var decisionHelp: [String] {
        [
            "  approve          approve every right and piece of information listed",
            "  approve 1,3      approve only these rights (by their numbers above)",
            "  deny             refuse the request (you are asked for a reason)",
            "  quit             leave without deciding",
        ]
    }

    /// What one line typed at the code prompt asks for.
    enum CodePromptInput: Equatable {
        case nothing
        case help
        case quit
        case history(String)
        case link(String)
        case code(String)

        init(_ line: String) {
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                self = .nothing
            } else if let query = PlainHistory<Backend>.query(in: text) {
                self = .history(query)
            } else if RequestLink.isLink(text) {
                self = .link(text)
            } else {
                switch text.lowercased() {
                case "help", "?": self = .help
                case "quit", "exit", "q": self = .quit
                default: self = .code(text)
                }
            }
        }
    }

    /// Opens the request given on the command line, else asks until a code or a link opens one. Nil when the person
    /// quits or the input ends. Nothing but a code or a link that reaches the AS can count toward its lockout; while
    /// the AS locks this device out, codes are not sent at all.
    func openRequest() async -> InteractionReview? {
        var lockedUntil: WallInstant?
        if let interaction {
            say("Opening the request…")
            if let review = await lookUp(.link(interaction), lockedUntil: &lockedUntil) { return review }
        }
        say(Self.codePromptIntroduction)
        while true {
            prompt("User code: ")
            guard let line = await readLine() else { return nil }
            let input = CodePromptInput(line)
            switch input {
            case .nothing:
                continue
            case .help:
                for text in Self.codePromptHelp { say(text) }
            case .quit:
                return nil
            case .history(let query):
                await PlainHistory<Backend>(backend: backend, timeZone: timeZone, write: write).print(query)
            case .link, .code:
                if let review = await lookUp(input, lockedUntil: &lockedUntil) { return review }
            }
        }
    }

    /// Sends a code or opens a link, saying what went wrong when it fails.
    private func lookUp(_ input: CodePromptInput, lockedUntil: inout WallInstant?) async -> InteractionReview? {
        // The AS's lockout is about codes; a link is not a guessed code.
        if case .code = input, let until = lockedUntil, now() < until {
            say(ApproverApp.lockoutMessage(until: until, now: now()))
            return nil
        }
        do {
            switch input {
            case .link(let link):
                return try await backend.openInteraction(link)
            case .code(let text):
                let code: UserCode
                do throws(UserCodeError) {
                    code = try UserCode(parsing: text)
                } catch {
                    say("Not a valid code: \(error). Nothing was sent; type \"help\" to see what you can type.")
                    return nil
                }
                say("Looking up \(code.display)…")
                return try await backend.enterCode(code)
            default:
                return nil
            }
        } catch {
            say(Self.errorLine(error))
            if let wait = error.retryAfter {
                let until = now().advanced(by: wait)
                lockedUntil = until
                say(ApproverApp.lockoutMessage(until: until, now: now()))
            }
            return nil
        }
    }
}
