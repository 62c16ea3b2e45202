import Foundation
import GNAP
import TerminalSession
import TerminalUI

/// The approver flow as line prompts, for screen readers and scripts: no full-screen drawing, no escape sequences.
/// It reads lines from `readLine` and writes with `write` (the executable passes stdin and stdout); everything
/// written is sanitized, so a client cannot smuggle terminal controls in its name.
///
/// The flow: `User code: ` asks until a request is open (`PlainApprover+CodePrompt`): a code, a device's request
/// link, `history` (optionally followed by words to search for), `help` or `quit`; a malformed code, a wrong one or
/// a lockout is said and asked again, like the full-screen app. Then the review as text, then `approve`,
/// `approve 1,3` (only those rights) or `deny`, each confirmed with `yes` (`help` and `quit` work there too). End of
/// input at any prompt cancels without sending a decision.
public struct PlainApprover<Backend: ApproverBackend> {
    public var backend: Backend
    public var timeZone: TimeZone
    public var now: () -> WallInstant
    public var readLine: () async -> String?
    public var write: (String) -> Void
    /// An interaction URL or application URI to open instead of asking for a user code.
    public var interaction: String?

    public static var decisionPrompt: String { #"Type "approve", "approve 1,3" (only those rights) or "deny": "# }
    public static var confirmPrompt: String { #"Type "yes" to confirm: "# }

    /// Creates the flow; `now` is read when the review is printed (for its countdown) and for lockouts.
    public init(
        backend: Backend,
        timeZone: TimeZone = .current,
        now: @escaping () -> WallInstant = { WallClock().now },
        readLine: @escaping () async -> String?,
        write: @escaping (String) -> Void,
        interaction: String? = nil
    ) {
        self.interaction = interaction
        self.backend = backend
        self.timeZone = timeZone
        self.now = now
        self.readLine = readLine
        self.write = write
    }

    /// What the person chose.
    private enum Decision {
        case approve(ApprovalRequest)
        case deny(String)
    }

    /// Runs the flow; returns 0 when a decision was taken, 1 on a failure or when cancelled.
    public func run() async -> Int32 {
        say("gnapterm approve — \(backend.identityDescription)")
        guard let review = await openRequest() else { return cancelled() }
        say("")
        for line in Self.reviewText(review, timeZone: timeZone, now: now()) { say(line) }
        guard let decision = await readDecision(for: review) else { return cancelled() }
        do {
            switch decision {
            case .approve(let request):
                let response = try await backend.approve(review, request: request)
                let summary = ApprovalSummary(review: review, request: request)
                say(
                    "Approved. Grant \(response.grantID): \(summary.granted.count) of \(review.allRights.count) "
                        + "rights granted.")
                sayFinish(response.finish)
            case .deny(let reason):
                let response = try await backend.deny(review, reason: reason)
                say("Denied. Grant \(response.grantID).")
                sayFinish(response.finish)
            }
        } catch {
            say(Self.errorLine(error))
            return 1
        }
        return 0
    }

    /// RFC 9635 §4.2: where the person returns (redirect), or whether the client was told (push).
    private func sayFinish(_ finish: FinishNotice?) {
        guard let finish else { return }
        switch finish.method {
        case .redirect:
            say("Return to the application: open " + finish.uri)
        case .push:
            switch finish.delivery {
            case .delivered?: say("The application was notified.")
            case .failed?: say("The application could not be notified; it learns the outcome only if it asks.")
            case .pending?, nil: say("The application is being notified.")
            }
        }
    }

    private func readDecision(for review: InteractionReview) async -> Decision? {
        while true {
            prompt(Self.decisionPrompt)
            guard let line = await readLine() else { return nil }
            let answer = line.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if answer == "quit" { return nil }
            if answer == "help" {
                for text in Self.decisionHelp { say(text) }
            } else if answer == "deny" {
                guard let reason = await readReason() else { return nil }
                say("The request will be denied with the reason: “\(reason)”.")
                prompt(Self.confirmPrompt)
                guard let confirmation = await readLine() else { return nil }
                if isYes(confirmation) { return .deny(reason) }
                say("Not confirmed; nothing was sent.")
            } else if answer == "approve" || answer.hasPrefix("approve ") {
                let selection = answer.dropFirst("approve".count)
                guard let request = approvalRequest(review, selection: String(selection)) else { continue }
                let summary = ApprovalSummary(review: review, request: request)
                say("The device will receive:")
                for text in summary.granted.map(\.displaySummary) { say("  - " + text) }
                for text in summary.releasedInformation { say("  - " + text) }
                say("Withheld:")
                let withheld = summary.withheld.map(\.displaySummary) + summary.withheldInformation
                for text in withheld { say("  - " + text) }
                if withheld.isEmpty { say("  - nothing") }
                prompt(Self.confirmPrompt)
                guard let confirmation = await readLine() else { return nil }
                if isYes(confirmation) { return .approve(request) }
                say("Not confirmed; nothing was sent.")
            } else {
                say(
                    #"Please answer "approve", "approve" with right numbers (e.g. "approve 1,3"), or "deny" "#
                        + #"("help" explains, "quit" leaves without deciding)."#)
            }
        }
    }

    /// The request for "approve" followed by `selection` ("" for every right, "1,3" or "1 3" for those rights);
    /// every subject identifier and assertion format is released. Nil (after saying why) when the selection is not
    /// valid.
    private func approvalRequest(_ review: InteractionReview, selection: String) -> ApprovalRequest? {
        let rights = review.allRights
        let words = selection.split { $0 == "," || $0 == " " }
        var chosen: [Int] = []
        for word in words {
            guard let number = Int(word), (1...max(1, rights.count)).contains(number), !rights.isEmpty else {
                say("There is no right “\(word)”; the rights are numbered 1 to \(rights.count).")
                return nil
            }
            if !chosen.contains(number) { chosen.append(number) }
        }
        let ids = words.isEmpty ? rights.map(\.id) : chosen.sorted().map { rights[$0 - 1].id }
        let request = ApprovalRequest(
            rights: ids, subjectFormats: review.subject?.subIDFormats ?? [],
            assertionFormats: review.subject?.assertionFormats ?? [])
        if ApprovalSummary(review: review, request: request).releasesNothing {
            say(#"That approves nothing; type "deny" to refuse the request."#)
            return nil
        }
        return request
    }

    private func readReason() async -> String? {
        while true {
            prompt("Reason: ")
            guard let line = await readLine() else { return nil }
            let reason = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if !reason.isEmpty { return reason }
            say("A reason is required.")
        }
    }

    private func isYes(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == "yes"
    }

    private func cancelled() -> Int32 {
        say("")
        say("Cancelled; no decision was sent.")
        return 1
    }

    /// One line for a failure: the sentence for the person and the server's own words when they add something.
    static func errorLine(_ failure: ApproverFailure) -> String {
        "error: " + failure.displayMessage + (failure.serverDetail.map { " (The server said: \($0))" } ?? "")
    }

    func say(_ line: String) {
        write(TextSanitizer.sanitize(line) + "\n")
    }

    func prompt(_ text: String) {
        write(TextSanitizer.sanitize(text))
    }
}
