import Foundation
import GNAP
import GNAPClient
import TerminalSession
import TerminalUI

extension PlainInboxWatcher {
    /// Handles one command line; false to stop.
    func handle(_ text: String, _ session: inout PlainInboxSession) async -> Bool {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let command = words.first?.lowercased() else { return true }
        switch command {
        case "quit", "q", "exit":
            return false
        case "list", "l":
            say(session.items.isEmpty ? "No requests are waiting for you." : "\(session.items.count) waiting:")
            for item in session.items { say(session.line(item, now: now())) }
            for block in session.blocks { say("Blocked: client \(block.instanceID) (unblock \(block.instanceID))") }
        case "show", "s":
            guard let item = session.item(numbered: words.dropFirst().first) else { return unknown(words) }
            if let review = await open(item) { show(review, numbered: session.numbers[item.grantID] ?? 0) }
        case "approve", "a":
            guard let item = session.item(numbered: words.dropFirst().first) else { return unknown(words) }
            await approve(item, rights: words.dropFirst(2).joined(separator: ","))
        case "deny", "d":
            guard let item = session.item(numbered: words.dropFirst().first) else { return unknown(words) }
            let reason = words.dropFirst(2).joined(separator: " ")
            guard !reason.isEmpty else {
                say("Give a reason: deny \(session.numbers[item.grantID] ?? 0) REASON")
                return true
            }
            await deny(item, reason: reason)
        case "unblock", "u":
            guard let client = words.dropFirst().first else {
                say("Name the client: unblock CLIENT")
                return true
            }
            do {
                session.blocks = try await backend.liftInboxBlock(String(client))
                say("Lifted: client \(client) may ask you again.")
            } catch {
                say("Not lifted: \(error.displayMessage)")
            }
        default:
            say(Self.help)
        }
        return true
    }

    private func unknown(_ words: [Substring]) -> Bool {
        say("No request numbered \(words.dropFirst().first ?? "?"); type list to see them.")
        return true
    }

    private func open(_ item: InboxItem) async -> InteractionReview? {
        do {
            return try await backend.openInboxRequest(item.grantID)
        } catch {
            say("Cannot open it: \(error.displayMessage)")
            return nil
        }
    }

    private func show(_ review: InteractionReview, numbered number: Int) {
        say(
            "[\(number)] \(review.client.display?.name ?? review.client.instanceID)"
                + (review.client.vetted ? " (vetted)" : " (self-asserted)"))
        for field in ReviewDescription.agentFields(review.agent) {
            say("  \(field.label): \(field.value)" + (field.provenance.tag.map { " \($0)" } ?? ""))
        }
        for (index, right) in review.allRights.enumerated() {
            say("  \(index + 1). \(right.right.summary)" + (right.description.map { " — \($0)" } ?? ""))
        }
        if let subject = review.subject, !subject.subIDFormats.isEmpty {
            say("  Also: who you are (\(subject.subIDFormats.joined(separator: ", ")))")
        }
        say(
            "  Expires \(TimeText.format(review.expiresAt, in: timeZone)). approve \(number) · approve \(number) 1,2 · "
                + "deny \(number) REASON")
    }

    private func approve(_ item: InboxItem, rights text: String) async {
        guard let review = await open(item) else { return }
        let all = review.allRights
        var chosen = all.map(\.id)
        if !text.isEmpty {
            let numbers = text.split(whereSeparator: { $0 == "," || $0 == " " }).map { Int($0) }
            guard numbers.allSatisfy({ $0.map { (1...all.count).contains($0) } ?? false }) else {
                say("Rights are numbered 1 to \(all.count) (show the request to see them); nothing was sent.")
                return
            }
            chosen = numbers.compactMap { $0.map { all[$0 - 1].id } }
        }
        let request = ApprovalRequest(
            rights: chosen, subjectFormats: review.subject?.subIDFormats ?? [],
            assertionFormats: review.subject?.assertionFormats ?? [])
        do {
            _ = try await backend.approve(review, request: request)
            say("Approved: \(chosen.count) of \(all.count) right(s).")
        } catch {
            say("Not applied: \(error.displayMessage)")
        }
    }

    private func deny(_ item: InboxItem, reason: String) async {
        guard let review = await open(item) else { return }
        do {
            _ = try await backend.deny(review, reason: reason)
            say("Denied.")
        } catch {
            say("Not applied: \(error.displayMessage)")
        }
    }
}
